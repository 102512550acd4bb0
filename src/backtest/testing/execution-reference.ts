import type { CandleSeries } from '../candle-series';
import type { BacktestExecution } from '../backtest-execution';

/** A trade as the naive reference schedules it: where, which way, why, at what price. */
export interface ReferenceTrade {
  candle: number;
  side: 'BUY' | 'SELL';
  reason: 'signal' | 'stop_loss';
  price: number;
}

/**
 * A naive reading of trading-rules.md's Execution section on doubles, sharing no code with
 * the engine: scripted signals, an optional stop loss, no sizing limit. Each candle in
 * order: the order due at its open, the stop, the order due at its close, then its signal.
 */
export function referenceTrades(
  c: CandleSeries,
  script: { buy: number[]; sell: number[] },
  execution: BacktestExecution,
  stopLossPct: number | null,
  slippageBps: number,
): ReferenceTrade[] {
  const trades: ReferenceTrade[] = [];
  const atOpen = execution.fillAt === 'next-open';
  const wait = execution.latencyCandles + (atOpen ? 1 : 0);
  const slip = slippageBps / 10_000;
  let entry: number | null = null;
  let order = null as { side: 'BUY' | 'SELL'; candle: number } | null;
  const fill = (t: number, ref: number, side: 'BUY' | 'SELL', reason: ReferenceTrade['reason']) => {
    const price = side === 'BUY' ? ref * (1 + slip) : ref * (1 - slip);
    trades.push({ candle: t, side, reason, price });
    entry = side === 'BUY' ? price : null;
  };
  const fillOrder = (t: number, ref: number) => {
    const due = order;
    order = null;
    if (due?.side === 'BUY') fill(t, ref, 'BUY', 'signal');
    else if (due && entry !== null) fill(t, ref, 'SELL', 'signal');
  };
  for (let t = 0; t < c.length; t++) {
    if (order?.candle === t && atOpen) fillOrder(t, c.open[t]);
    if (entry !== null && stopLossPct !== null) {
      const level = entry * (1 - stopLossPct / 100);
      if (c.low[t] <= level) {
        fill(t, Math.min(level, c.open[t]), 'SELL', 'stop_loss');
        order = null;
      }
    }
    if (order?.candle === t) fillOrder(t, c.close[t]);
    if (order) continue;
    const side = entry === null ? 'BUY' : 'SELL';
    if (!(side === 'BUY' ? script.buy : script.sell).includes(t)) continue;
    order = { side, candle: t + wait };
    if (wait === 0) fillOrder(t, c.close[t]);
  }
  return trades;
}
