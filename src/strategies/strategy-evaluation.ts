import { ACTION_CODE, type StrategyEvaluator, type StrategySignal } from './strategy.interface';

/**
 * Feeds every close (oldest first) to the evaluator and returns a copy of the last signal,
 * detached from the evaluator's reused object so the caller may keep it.
 */
export function lastSignal(
  evaluator: StrategyEvaluator,
  closes: ArrayLike<number>,
): StrategySignal {
  for (let i = 0; i < closes.length; i++) evaluator.update(closes[i]);
  return copySignal(evaluator.signal);
}

/**
 * A plain copy of a signal, its reason read as text: an evaluator may write the reason only
 * when it is read (a getter a spread would not copy).
 */
export function copySignal(signal: StrategySignal): StrategySignal {
  const { action, indicators, reason } = signal;
  return { action, indicators: { ...indicators }, ...(reason === undefined ? {} : { reason }) };
}

/** The actions on closes[from..to) as ACTION_CODEs in `actions[0..to-from)`, in one call. */
export function updateMany(
  evaluator: StrategyEvaluator,
  closes: ArrayLike<number>,
  from: number,
  to: number,
  actions: Int8Array,
): void {
  if (evaluator.updateMany) {
    evaluator.updateMany(closes, from, to, actions);
    return;
  }
  for (let i = from; i < to; i++)
    actions[i - from] = ACTION_CODE[evaluator.update(closes[i]).action];
}
