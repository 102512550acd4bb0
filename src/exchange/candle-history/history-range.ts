import type { FieldError } from '../../kernel/errors/validation.error';
import { INTERVAL_MS, type Interval } from '../../kernel/interval';

/** A download's most candle times: a year of 1m candles is 525,600, as many as a backtest takes. */
export const MAX_DOWNLOAD_CANDLES = 1_000_000;

/**
 * What is wrong with a range of a download (both ends required) or a removal (both or
 * neither), each as a field and a reason; empty when nothing is.
 */
export function rangeProblems(
  interval: Interval,
  startTime: number | undefined,
  endTime: number | undefined,
  required: boolean,
): FieldError[] {
  if (startTime === undefined && endTime === undefined) {
    return required
      ? [
          { field: 'startTime', reason: 'is required' },
          { field: 'endTime', reason: 'is required' },
        ]
      : [];
  }
  if (startTime === undefined) return [{ field: 'startTime', reason: 'is required with endTime' }];
  if (endTime === undefined) return [{ field: 'endTime', reason: 'is required with startTime' }];
  if (endTime < startTime) {
    return [{ field: 'endTime', reason: `must not be before startTime (${startTime})` }];
  }
  const candles = Math.floor((endTime - startTime) / INTERVAL_MS[interval]) + 1;
  if (required && candles > MAX_DOWNLOAD_CANDLES) {
    return [
      {
        field: 'endTime',
        reason: `spans ${candles} ${interval} candles; at most ${MAX_DOWNLOAD_CANDLES} a download`,
      },
    ];
  }
  return [];
}
