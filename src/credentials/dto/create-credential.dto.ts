import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Length, Matches } from 'class-validator';

// Binance keys are 64 alphanumerics; allow any printable ASCII so other formats still fit.
const API_TOKEN = /^[\x21-\x7e]{16,128}$/;
// No $value in these messages: a rejected key or secret must not come back in the 400 body.
const API_TOKEN_MESSAGE = '$property must be 16 to 128 printable characters without spaces';

export class CreateCredentialDto {
  @ApiProperty({ example: 'Binance main', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @Length(1, 100)
  label: string;

  @ApiProperty({
    description: 'Binance API key; stored encrypted, shown afterwards only as apiKeyHint',
    example: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
    minLength: 16,
    maxLength: 128,
  })
  @IsString()
  @Matches(API_TOKEN, { message: API_TOKEN_MESSAGE })
  apiKey: string;

  @ApiProperty({
    description: 'Binance API secret; stored encrypted, never returned',
    example: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
    minLength: 16,
    maxLength: 128,
  })
  @IsString()
  @Matches(API_TOKEN, { message: API_TOKEN_MESSAGE })
  apiSecret: string;

  @ApiPropertyOptional({ description: 'A Binance Spot testnet key', default: false })
  @IsOptional()
  @IsBoolean()
  testnet?: boolean;
}
