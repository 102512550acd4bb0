import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What a client needs to write a symbol's numbers as the exchange does: assets and steps. */
export class SymbolResponseDto {
  @ApiProperty({ example: 'BTCUSDT' })
  symbol: string;

  @ApiProperty({ example: 'BTC', description: 'The asset bought and sold; quantities are in it' })
  baseAsset: string;

  @ApiProperty({ example: 'USDT', description: 'The asset prices, values and fees are in' })
  quoteAsset: string;

  @ApiPropertyOptional({
    example: '0.01',
    description: 'Prices move in steps of this (PRICE_FILTER); absent when the exchange sets none',
  })
  tickSize?: string;

  @ApiPropertyOptional({
    example: '0.00001',
    description: 'Quantities move in steps of this (LOT_SIZE); absent when the exchange sets none',
  })
  stepSize?: string;
}
