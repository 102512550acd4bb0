import {
  ACTION_CODE,
  type Strategy,
  type StrategyCandle,
  type StrategyCandles,
  type StrategyEvaluator,
  type StrategyParams,
  type StrategySignal,
} from './strategy.interface';
import { type TimeBudget, withinBudget } from './time-budget';

/** Candle `i` of the columns as its own object: a strategy may keep the candles it is given. */
export function candleAt(candles: StrategyCandles, i: number): StrategyCandle {
  return {
    openTime: candles.openTime[i],
    closeTime: candles.closeTime[i],
    open: candles.open[i],
    high: candles.high[i],
    low: candles.low[i],
    close: candles.close[i],
    volume: candles.volume[i],
  };
}

/**
 * A fresh evaluator of `strategy` fed every candle (oldest first), within the strategy's
 * time budget when it has one; returns a copy of the last signal. A tick's decision.
 */
export function evaluateCandles(
  strategy: Strategy,
  params: StrategyParams,
  candles: StrategyCandles,
): StrategySignal {
  const evaluate = () => {
    const evaluator = strategy.createEvaluator(params);
    updateBlock(evaluator, candles, 0, candles.length, new Int8Array(candles.length));
    return copySignal(evaluator.signal);
  };
  const budgetMs = strategy.timeBudgetMs;
  return budgetMs === undefined
    ? evaluate()
    : withinBudget({ key: strategy.key, ms: budgetMs }, evaluate);
}

/**
 * A plain copy of a signal, its reason read as text: an evaluator may write the reason only
 * when it is read (a getter a spread would not copy).
 */
export function copySignal(signal: StrategySignal): StrategySignal {
  const { action, indicators, reason } = signal;
  return { action, indicators: { ...indicators }, ...(reason === undefined ? {} : { reason }) };
}

/**
 * The actions on candles[from..to) as ACTION_CODEs in `actions[0..to-from)`, in one call,
 * within `budget` when given: a backtest's block of candles.
 */
export function updateMany(
  evaluator: StrategyEvaluator,
  candles: StrategyCandles,
  from: number,
  to: number,
  actions: Int8Array,
  budget?: TimeBudget,
): void {
  if (budget === undefined) updateBlock(evaluator, candles, from, to, actions);
  else withinBudget(budget, () => updateBlock(evaluator, candles, from, to, actions));
}

function updateBlock(
  evaluator: StrategyEvaluator,
  candles: StrategyCandles,
  from: number,
  to: number,
  actions: Int8Array,
): void {
  if (evaluator.updateMany) {
    evaluator.updateMany(candles, from, to, actions);
    return;
  }
  for (let i = from; i < to; i++) {
    actions[i - from] = ACTION_CODE[evaluator.update(candleAt(candles, i)).action];
  }
}
