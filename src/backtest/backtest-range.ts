import { type FieldError, InvalidInputError } from '../kernel/errors/validation.error';
import { INTERVAL_MS, type Interval } from '../kernel/interval';
import { simulatedColumns, type SimulatedColumns } from '../exchange/market-data/simulated-series';
import { MAX_BACKTEST_CANDLES } from './backtest-body';
import type { BacktestRequestDto } from './dto/backtest-request.dto';

export const RANGE_FIELDS = ['symbol', 'interval', 'startTime', 'endTime'] as const;

export interface RequestedRange {
  symbol: string;
  interval: Interval;
  startTime: number;
  endTime: number;
}

/**
 * The range of a request without candles, every part given and at most the candle limit;
 * errors name the fields under `fieldPrefix` (an optimization's `backtest.`).
 */
export function requestedRange(dto: BacktestRequestDto, fieldPrefix = ''): RequestedRange {
  const { symbol, interval, startTime, endTime } = dto;
  if (
    symbol === undefined ||
    interval === undefined ||
    startTime === undefined ||
    endTime === undefined
  ) {
    throw new InvalidInputError(
      RANGE_FIELDS.filter((field) => dto[field] === undefined).map((field): FieldError => ({
        field: `${fieldPrefix}${field}`,
        reason: 'is required when no candles are given',
      })),
    );
  }
  if (endTime < startTime) {
    throw new InvalidInputError([
      { field: `${fieldPrefix}endTime`, reason: `must not be before startTime (${startTime})` },
    ]);
  }
  const count = Math.floor((endTime - startTime) / INTERVAL_MS[interval]) + 1;
  if (count > MAX_BACKTEST_CANDLES) {
    throw new InvalidInputError([
      {
        field: `${fieldPrefix}endTime`,
        reason: `the range holds ${count} ${interval} candles; at most ${MAX_BACKTEST_CANDLES}`,
      },
    ]);
  }
  return { symbol, interval, startTime, endTime };
}

/** The seeded series over the range's whole candles, from `startPrice`. */
export function simulatedRange(
  { interval, startTime, endTime }: RequestedRange,
  seed: number,
  startPrice: number,
): SimulatedColumns {
  const length = INTERVAL_MS[interval];
  const first = Math.ceil(startTime / length) * length;
  return simulatedColumns({
    seed,
    interval,
    startTime: first,
    count: Math.max(0, Math.floor((endTime - first) / length) + 1),
    startPrice,
    anchorTime: first,
  });
}
