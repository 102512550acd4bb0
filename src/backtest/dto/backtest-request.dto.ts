import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { TradingConfigDto } from '../../bots/dto/trading-config.dto';
import { DecimalField } from '../../common/decimal-field';
import { NestedObject } from '../../common/nested-object';
import { Optional } from '../../common/optional';
import { CandleTimeField } from '../../common/candle-time-field';
import { IntegerField } from '../../common/integer-field';
import { IsCandleInterval, IsSymbol } from '../../common/market-fields';
import { INTERVALS, type Interval } from '../../kernel/interval';

/** The symbol's exchange filters; a rule left out is off. */
export class BacktestFiltersDto {
  @DecimalField({
    description: 'Quantities are floored to a multiple of this',
    example: '0.00001',
    min: '0',
    minInclusive: true,
    optional: true,
  })
  stepSize?: string;

  @DecimalField({
    description: 'Smallest quantity',
    example: '0.00001',
    min: '0',
    minInclusive: true,
    optional: true,
  })
  minQty?: string;

  @DecimalField({
    description: 'Smallest order value in quote',
    example: '5',
    min: '0',
    minInclusive: true,
    optional: true,
  })
  minNotional?: string;
}

/** When a signal's order fills (trading-rules.md, Execution); `close` and 0 are today's rules. */
export const FILL_AT = ['close', 'next-open'] as const;
export type FillAt = (typeof FILL_AT)[number];

/** Backtest-only realism: the delay and the price at which a signal's order fills. */
export class BacktestExecutionDto {
  @IntegerField({
    description:
      'Candles between a signal and its fill: with `close`, the signal on candle t fills ' +
      'at candle t + N’s close; with `next-open`, at candle t + 1 + N’s open',
    min: 0,
    max: 100,
    default: 0,
    example: 1,
    optional: true,
  })
  latencyCandles?: number;

  @ApiPropertyOptional({
    enum: FILL_AT,
    default: 'close',
    description: 'The price a signal’s order fills at: the fill candle’s close, or its open',
  })
  @Optional()
  @IsIn(FILL_AT, { message: `must be one of ${FILL_AT.join(', ')}` })
  fillAt?: FillAt;
}

/** Where a ranged backtest's candles come from. */
export const BACKTEST_SOURCES = ['exchange', 'simulated'] as const;
export type BacktestSource = (typeof BACKTEST_SOURCES)[number];

/**
 * A backtest over given candles, over a symbol's candles fetched from the exchange, or over
 * a seeded simulated series of the symbol (no network).
 * `candles` is checked row by row by the backtester itself (class-validator would walk
 * half a million rows twice), so it is declared here for the documentation only.
 */
export class BacktestRequestDto extends TradingConfigDto {
  @ApiPropertyOptional({
    type: BacktestFiltersDto,
    description:
      'Exchange filters; none given: the symbol’s own (from the exchange) when a symbol is ' +
      'named, else stepSize 0.00000001 and no minimums (docs/backtesting.md); the report’s ' +
      '`filters` says which',
  })
  @NestedObject(() => BacktestFiltersDto, { optional: true })
  filters?: BacktestFiltersDto;

  @ApiPropertyOptional({
    type: BacktestExecutionDto,
    description: 'When signals fill; left out, on the signal candle’s close (no latency)',
  })
  @NestedObject(() => BacktestExecutionDto, { optional: true })
  execution?: BacktestExecutionDto;

  @ApiPropertyOptional({
    description:
      'Closed candles, oldest first: `[openTime, open, high, low, close, volume, closeTime]` ' +
      '(times in ms; prices as numbers or decimal strings; extra fields, as in Binance ' +
      'klines, are ignored). At least the strategy’s warm-up, at most 1,000,000. ' +
      'Give either candles (with an optional symbol naming the filters) or symbol, interval, ' +
      'startTime and endTime.',
    type: 'array',
    items: {
      type: 'array',
      minItems: 7,
      items: { oneOf: [{ type: 'number' }, { type: 'string' }] },
    },
    example: [[1767225600000, '42000.1', '42050', '41980.5', '42010', '12.5', 1767225659999]],
  })
  // Whitelisted only: the service takes the rows out before validating the rest.
  @IsOptional()
  candles?: unknown[];

  @ApiPropertyOptional({
    example: 'BTCUSDT',
    description:
      'With interval, startTime and endTime: fetch the candles of this symbol; with candles: ' +
      'only name the exchange filters to size by',
  })
  @Optional()
  @IsSymbol()
  symbol?: string;

  @ApiPropertyOptional({ enum: INTERVALS, example: '1h' })
  @Optional()
  @IsCandleInterval()
  interval?: Interval;

  @CandleTimeField('First candle’s openTime')
  startTime?: number;

  @CandleTimeField('Last candle’s openTime at most this')
  endTime?: number;

  @ApiPropertyOptional({
    enum: BACKTEST_SOURCES,
    description:
      'With symbol, interval, startTime and endTime: `exchange` (left out) fetches the ' +
      'market’s candles; ' +
      '`simulated` generates a seeded random walk (simulated-series.ts), labelled as such in ' +
      'the report, which works offline',
  })
  @Optional()
  @IsIn(BACKTEST_SOURCES, { message: `must be one of ${BACKTEST_SOURCES.join(', ')}` })
  source?: BacktestSource;

  @IntegerField({
    description:
      'Simulated source: the same seed (with the same startPrice) gives the same candles; ' +
      'left out, one is drawn and shown in the report',
    min: 0,
    max: 4_294_967_295,
    example: 42,
    optional: true,
  })
  seed?: number;

  @DecimalField({
    description:
      'Simulated source: the first open; left out, the last real price this server saw ' +
      'for the symbol, else a default level for it',
    example: '90000',
    min: '0',
    optional: true,
  })
  startPrice?: string;
}
