import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Length } from 'class-validator';

export class PostSignalDto {
  @ApiProperty({ format: 'uuid', description: 'The external-signal bot to trade' })
  @IsUUID()
  botId: string;

  @ApiProperty({
    description: "The bot's signalPassphrase (shown once when the bot was created or rotated)",
    example: 'kq3X…',
    writeOnly: true,
  })
  @IsString()
  @Length(1, 200)
  passphrase: string;

  @ApiProperty({ enum: ['buy', 'sell'] })
  @IsIn(['buy', 'sell'])
  action: 'buy' | 'sell';

  @ApiProperty({
    description:
      'The alert id, unique per signal: a repeated id is answered { duplicate: true } and trades nothing',
    example: '2026-12-07T21:00:00Z-BTCUSDT-buy',
  })
  @IsString()
  @Length(1, 128)
  id: string;
}
