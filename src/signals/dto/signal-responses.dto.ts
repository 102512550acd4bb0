import { ApiProperty } from '@nestjs/swagger';

export class SignalAcceptedDto {
  @ApiProperty({ example: false, description: 'false: stored, and a tick of the bot queued' })
  duplicate: false;
}

export class SignalDuplicateDto {
  @ApiProperty({ example: true, description: 'An alert with this id was already received' })
  duplicate: true;
}

export class SignalPassphraseDto {
  @ApiProperty({
    description:
      'The new passphrase, shown this once (only its digest is kept); the previous one stops working now',
  })
  signalPassphrase: string;
}
