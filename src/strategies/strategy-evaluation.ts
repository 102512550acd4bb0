import type { StrategyEvaluator, StrategySignal } from './strategy.interface';

/**
 * Feeds every close (oldest first) to the evaluator and returns a copy of the last signal,
 * detached from the evaluator's reused object so the caller may keep it.
 */
export function lastSignal(
  evaluator: StrategyEvaluator,
  closes: ArrayLike<number>,
): StrategySignal {
  for (let i = 0; i < closes.length; i++) evaluator.update(closes[i]);
  const { signal } = evaluator;
  return { ...signal, indicators: { ...signal.indicators } };
}
