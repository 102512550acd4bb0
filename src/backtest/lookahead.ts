import { updateMany } from '../strategies/strategy-evaluation';
import {
  type SignalAction,
  type Strategy,
  type StrategyCandles,
  type StrategyParams,
} from '../strategies/strategy.interface';
import type { CandleColumns } from './candle-series';
import type { BacktestOutcome } from './pool/backtest-task';
import { BUDGET_TICKS_PER_BLOCK, SIGNAL_BLOCK } from './run-backtest';

/** Prefixes a check runs at most: its cost is at most this many runs over the candles, plus one. */
export const LOOKAHEAD_CUTS = 50;
/** Changes listed at most; `changedSignals` counts them all. */
export const LOOKAHEAD_LISTED = 1000;

/** A signal that differs once later candles are known. */
export interface LookaheadChange {
  /** The candle's index, and its closeTime: the signal's time. */
  index: number;
  time: number;
  /** The signal with every candle known, and with candles 0..prefix-1 only. */
  full: SignalAction;
  prefix: SignalAction;
  prefixLength: number;
}

export interface LookaheadReport {
  candles: number;
  /** The prefix lengths run, ascending. */
  prefixes: number[];
  /** Signals compared: every candle of every prefix. */
  checkedSignals: number;
  /** Candles whose signal changed on some prefix; the first LOOKAHEAD_LISTED by index. */
  changedSignals: number;
  changes: LookaheadChange[];
  lookahead: boolean;
}

const ACTIONS: SignalAction[] = ['none', 'buy', 'sell'];

/**
 * Runs a fresh evaluator over the whole series and over prefixes ending at evenly spread cut
 * points, each prefix's columns cut short (views, not copies), and lists every candle whose
 * signal on a prefix differs from its signal on the whole series. A strategy that sees
 * candles 0..t only at t gives the same signals on every prefix.
 */
export function checkLookahead(
  strategy: Strategy,
  params: StrategyParams,
  candles: CandleColumns & { length: number },
): LookaheadReport {
  const n = candles.length;
  const full = actionsOf(strategy, params, candles);
  const first = Math.max(1, Math.min(n, strategy.warmup(params)));
  const prefixes = cutPoints(first, n - 1, LOOKAHEAD_CUTS);
  const changed = new Map<number, LookaheadChange>();
  let checkedSignals = 0;
  for (const length of prefixes) {
    const actions = actionsOf(strategy, params, prefixOf(candles, length));
    for (let i = 0; i < length; i++) {
      checkedSignals++;
      if (actions[i] === full[i] || changed.has(i)) continue;
      changed.set(i, {
        index: i,
        time: candles.closeTime[i],
        full: ACTIONS[full[i]],
        prefix: ACTIONS[actions[i]],
        prefixLength: length,
      });
    }
  }
  const changes = [...changed.values()].sort((a, b) => a.index - b.index);
  return {
    candles: n,
    prefixes,
    checkedSignals,
    changedSignals: changes.length,
    changes: changes.slice(0, LOOKAHEAD_LISTED),
    lookahead: changes.length > 0,
  };
}

/** Up to `count` prefix lengths from `from` to `to`, evenly spread, both ends included. */
export function cutPoints(from: number, to: number, count: number): number[] {
  if (to < from) return [];
  const span = to - from;
  const steps = Math.min(count - 1, span);
  if (steps === 0) return [from];
  const cuts = new Set<number>();
  for (let k = 0; k <= steps; k++) cuts.add(from + Math.round((span * k) / steps));
  return [...cuts];
}

/** A fresh evaluator's actions over the candles, as a backtest takes them: a block at a time. */
function actionsOf(
  strategy: Strategy,
  params: StrategyParams,
  candles: StrategyCandles,
): Int8Array {
  const evaluator = strategy.createEvaluator(params);
  const actions = new Int8Array(candles.length);
  const budget =
    strategy.timeBudgetMs === undefined
      ? undefined
      : { key: strategy.key, ms: strategy.timeBudgetMs * BUDGET_TICKS_PER_BLOCK };
  for (let from = 0; from < candles.length; from += SIGNAL_BLOCK) {
    const to = Math.min(candles.length, from + SIGNAL_BLOCK);
    updateMany(evaluator, candles, from, to, actions.subarray(from, to), budget);
  }
  return actions;
}

function prefixOf(candles: CandleColumns, length: number): StrategyCandles {
  const cut = (column: keyof CandleColumns) => candles[column].subarray(0, length);
  return {
    length,
    openTime: cut('openTime'),
    closeTime: cut('closeTime'),
    open: cut('open'),
    high: cut('high'),
    low: cut('low'),
    close: cut('close'),
    volume: cut('volume'),
  };
}

/** The check as a backtest thread answers it: the report's JSON, and its log line's stats. */
export function lookaheadOutcome(
  strategy: Strategy,
  params: StrategyParams,
  candles: CandleColumns & { length: number },
  started: number,
): BacktestOutcome {
  const checked = performance.now();
  const report = checkLookahead(strategy, params, candles);
  const json = new TextEncoder().encode(JSON.stringify(report));
  return {
    kind: 'report',
    json: [json],
    stats: {
      strategy: strategy.key,
      candles: candles.length,
      fills: 0,
      candlesMs: checked - started,
      runMs: performance.now() - checked,
      reportMs: 0,
    },
  };
}
