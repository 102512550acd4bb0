import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { TradingConfigDto } from '../../bots/dto/trading-config.dto';
import { DecimalField } from '../../common/decimal-field';
import { NestedObject } from '../../common/nested-object';
import { Optional } from '../../common/optional';
import { CandleTimeField } from '../../common/candle-time-field';
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

/**
 * A backtest over given candles or over a symbol's candles fetched from the exchange.
 * `candles` is checked row by row by the backtester itself (class-validator would walk
 * half a million rows twice), so it is declared here for the documentation only.
 */
export class BacktestRequestDto extends TradingConfigDto {
  @ApiPropertyOptional({
    type: BacktestFiltersDto,
    description: 'Exchange filters; with symbol and none given, the symbol’s own are used',
  })
  @NestedObject(() => BacktestFiltersDto, { optional: true })
  filters?: BacktestFiltersDto;

  @ApiPropertyOptional({
    description:
      'Closed candles, oldest first: `[openTime, open, high, low, close, volume, closeTime]` ' +
      '(times in ms; prices as numbers or decimal strings; extra fields, as in Binance ' +
      'klines, are ignored). At least the strategy’s warm-up, at most 1,000,000. ' +
      'Give either candles or symbol, interval, startTime and endTime.',
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

  @ApiPropertyOptional({ example: 'BTCUSDT', description: 'Fetch the candles of this symbol' })
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
}
