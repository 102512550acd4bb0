import type { Schemas } from '../api/types';

/** The form's fill timing: text as typed, so the API's 400 can name a bad value. */
export interface ExecutionValues {
  latencyCandles: string;
  fillAt: 'close' | 'next-open';
}

export const IMMEDIATE: ExecutionValues = { latencyCandles: '0', fillAt: 'close' };

/**
 * The request's `execution`, or none at the defaults (docs/backtesting.md#execution), so a
 * plain backtest's request stays as it was.
 */
export function executionBody({
  latencyCandles,
  fillAt,
}: ExecutionValues): Pick<Schemas['BacktestRequestDto'], 'execution'> {
  const latency = latencyCandles.trim();
  if ((latency === '' || latency === '0') && fillAt === 'close') return {};
  const number = Number(latency || '0');
  // Not a whole number: sent as typed, and the API's 400 names it.
  const latencyValue = (Number.isInteger(number) ? number : latency) as number;
  return { execution: { latencyCandles: latencyValue, fillAt } };
}
