import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BacktestFiltersUsedDto } from './backtest-filters-used.dto';

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

/** Every metric is defined in docs/backtesting.md; quotients are rounded to 8 places. */
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

  @ApiProperty({
    type: String,
    nullable: true,
    example: '12.5',
    description:
      'Compound annual growth of the equity over the candles (365-day years), percent; null when it overflows',
  })
  cagrPct: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '1.42',
    description:
      'Mean per-candle return over its sample standard deviation, × √(periods per year); null without variance',
  })
  sharpe: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2.1',
    description:
      'Mean per-candle return over the downside deviation (target 0), × √(periods per year); null without a losing candle',
  })
  sortino: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '3.9',
    description: 'cagrPct / maxDrawdownPct; null without a drawdown or a cagrPct',
  })
  calmar: string | null;

  @ApiProperty({
    example: 86400000,
    description: 'Longest time from an equity peak to the close back at it (or the last close), ms',
  })
  maxDrawdownDurationMs: number;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '1.8',
    description: 'Sum of winning pnls / -sum of losing pnls; null without a losing round trip',
  })
  profitFactor: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '0.42',
    description: 'realizedPnl / roundTrips, quote; null without round trips',
  })
  expectancy: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '3.1',
    description: 'Mean pnl of the round trips with pnl > 0, quote; null without one',
  })
  avgWin: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '-1.7',
    description: 'Mean pnl of the round trips with pnl < 0 (negative), quote; null without one',
  })
  avgLoss: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 3600000,
    description: 'Mean time from a buy to its sell (closeTimes), ms; null without round trips',
  })
  avgTradeDurationMs: number | null;

  @ApiProperty({
    example: '26.5',
    description: 'Candles at whose close a position was held, percent of all candles',
  })
  exposurePct: string;

  @ApiProperty({ example: '13.8', description: 'Sum of every fill fee, quote' })
  feesPaid: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '-4.2',
    description: 'First close to last close of the candles, percent, no fees; null without candles',
  })
  buyAndHoldReturnPct: string | null;
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

  @ApiProperty({ type: BacktestFiltersUsedDto })
  filters: BacktestFiltersUsedDto;

  @ApiProperty({ type: [BacktestTradeDto] })
  trades: BacktestTradeDto[];

  @ApiProperty({ type: BacktestMetricsDto })
  metrics: BacktestMetricsDto;

  @ApiProperty({ type: [EquityPointDto], description: 'One point per candle' })
  equity: EquityPointDto[];
}
