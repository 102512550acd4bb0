import { ApiProperty } from '@nestjs/swagger';
import type { ApiCredential } from '../../database/entities/api-credential.entity';

/** A credential as the API shows it: the hint, never the key or the secret. */
export class CredentialDto {
  @ApiProperty({ format: 'uuid', example: '5c3a2a8e-1f0b-4c57-9a43-0d3c1b1f5f7e' })
  id: string;

  @ApiProperty({
    format: 'uuid',
    description: 'Owner',
    example: '0b6c3c1e-4a57-4f57-9a43-0d3c1b1f5f7e',
  })
  userId: string;

  @ApiProperty({ example: 'Binance main' })
  label: string;

  @ApiProperty({
    description: 'First and last four characters of the API key',
    example: 'vmPU...Eh8A',
  })
  apiKeyHint: string;

  @ApiProperty({ example: false })
  testnet: boolean;

  @ApiProperty({ example: '2026-01-31T12:00:00.000Z' })
  createdAt: Date;

  static from(credential: ApiCredential): CredentialDto {
    return {
      id: credential.id,
      userId: credential.userId,
      label: credential.label,
      apiKeyHint: credential.apiKeyHint,
      testnet: credential.testnet,
      createdAt: credential.createdAt,
    };
  }
}
