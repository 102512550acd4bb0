import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class BacktestTradeDto {
  @ApiProperty({ description: 'closeTime of the candle it filled on (ms)' })
  time: number;

  @ApiProperty({ enum: ['BUY', 'SELL'] })
  side: 'BUY' | 'SELL';

  @ApiProperty({ example: '42031.005', description: 'Fill price after slippage' })
  price: string;

  @ApiProperty({ example: '0.00237' })
  qty: string;

  @ApiProperty({ example: '0.0996134', description: 'In the quote asset' })
  fee: string;

  @ApiProperty({ enum: ['signal', 'stop_loss', 'take_profit', 'trailing_stop'] })
  reason: string;

  @ApiPropertyOptional({
    example: '-0.61',
    description: 'Sells only: (proceeds - sellFee) - (cost + buyFee)',
  })
  pnl?: string;
}

export class BacktestMetricsDto {
  @ApiProperty({ description: 'Sells' })
  roundTrips: number;

  @ApiProperty({ description: 'Sells with pnl > 0' })
  wins: number;

  @ApiProperty({ example: '42.85714286', description: 'Percent, 8 decimal places' })
  winRatePct: string;

  @ApiProperty({ example: '12.5' })
  realizedPnl: string;

  @ApiProperty({ example: '10012.5', description: 'balance + position at the last close' })
  finalEquity: string;

  @ApiProperty({ example: '0.125', description: 'Percent, 8 decimal places' })
  returnPct: string;

  @ApiProperty({
    example: '3.2',
    description: 'Deepest fall from a running peak of the equity at the closes, percent',
  })
  maxDrawdownPct: string;

  @ApiProperty({
    description: 'Buy signals not taken: a protection, a daily limit, or too small to trade',
  })
  skippedEntries: number;

  @ApiProperty({
    description:
      'Of skippedEntries, the buy signals a protection blocked: cooldownCandles, stopLossGuard or a maxDrawdownPct pause',
  })
  skippedByProtections: number;
}

export class EquityPointDto {
  @ApiProperty({ description: 'Candle closeTime (ms)' })
  time: number;

  @ApiProperty({ example: '10000', description: 'balance + position at that close' })
  value: string;
}

/** How a simulated series is labelled in its report: enough to make the same one again. */
export class SimulatedSeriesDto {
  @ApiProperty({ example: 42 })
  seed: number;

  @ApiProperty({ example: '90000', description: 'The first open' })
  startPrice: string;

  @ApiProperty({ example: 'BTCUSDT' })
  symbol: string;

  @ApiProperty({ example: '1h' })
  interval: string;

  @ApiProperty({ example: 'simulated data: a seeded random walk, not market prices' })
  note: string;
}

export class BacktestResponseDto {
  @ApiPropertyOptional({
    type: SimulatedSeriesDto,
    description: 'Present when the candles were simulated (source "simulated"), not market prices',
  })
  simulated?: SimulatedSeriesDto;

  @ApiProperty({ type: [BacktestTradeDto] })
  trades: BacktestTradeDto[];

  @ApiProperty({ type: BacktestMetricsDto })
  metrics: BacktestMetricsDto;

  @ApiProperty({ type: [EquityPointDto], description: 'One point per candle' })
  equity: EquityPointDto[];
}
