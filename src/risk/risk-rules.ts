import { type DailyCounters, type DailyLimitHit, dailyLimitHit } from './daily-limits';
import { type ExitLevels, type ExitRule, exitLevels, tickExit, trailingLevel } from './exits';
import {
  type EntrySize,
  type Fill,
  fillPrice,
  floorToStep,
  sellFill,
  type Side,
  sizeEntry,
} from './fills';
import type { DecimalInput, Money } from './money';
import {
  drawdownHit,
  drawdownStep,
  type EntryPause,
  recentStopLosses,
  stopLossPause,
} from './protections';
import type { Parsed, RiskParams } from './risk-params';

/**
 * The risk rules as one object: exits, entry sizing under the symbol's filters, fill prices,
 * daily limits, protections. RiskModule provides it to the engine's ticks and each backtest thread builds
 * it from the same RISK_RULES_SOURCE, so a subclass named there replaces a rule for both.
 * Each method is the pure function of the same name (trading-rules.md, to the cent), which
 * stays exported and unit-tested on its own.
 */
export class RiskRules {
  /** Which daily limit blocks new entries, if any. Exits are never blocked. */
  dailyLimitHit(counters: DailyCounters, risk: Parsed<RiskParams>): DailyLimitHit | null {
    return dailyLimitHit(counters, risk);
  }

  /** The stop-loss exits the stopLossGuard counts once one more exited on the candle at `at`. */
  recentStopLosses(
    earlier: readonly number[],
    at: number,
    intervalMs: number,
    risk: Parsed<RiskParams>,
  ): number[] {
    return recentStopLosses(earlier, at, intervalMs, risk);
  }

  /** The entry pause (cooldown, stopLossGuard) a stop-loss exit on the candle at `at` starts. */
  stopLossPause(
    recent: readonly number[],
    at: number,
    intervalMs: number,
    risk: Parsed<RiskParams>,
  ): EntryPause | null {
    return stopLossPause(recent, at, intervalMs, risk);
  }

  /** The running peak and the drawdown pause, if any, for the equity at the candle at `at`. */
  drawdownStep(
    peak: DecimalInput | null,
    equity: DecimalInput,
    at: number,
    intervalMs: number,
    risk: Parsed<RiskParams>,
  ): { peak: DecimalInput; pause: EntryPause | null } {
    return drawdownStep(peak, equity, at, intervalMs, risk);
  }

  /** Whether `equity` fell maxDrawdownPct (or more) below `peak`. */
  drawdownHit(peak: DecimalInput, equity: DecimalInput, maxDrawdownPct: DecimalInput): boolean {
    return drawdownHit(peak, equity, maxDrawdownPct);
  }

  /** The exit a tick takes at `price`: stop loss, take profit, trailing stop, in that order. */
  tickExit(input: Parameters<typeof tickExit>[0]): ExitRule | null {
    return tickExit(input);
  }

  exitLevels(entry: DecimalInput, risk: Parsed<RiskParams>): ExitLevels {
    return exitLevels(entry, risk);
  }

  trailingLevel(high: DecimalInput, trailingStopPct: DecimalInput | null): Money | null {
    return trailingLevel(high, trailingStopPct);
  }

  /** A market buy's size: the budget, floored to the step, checked against minQty and minNotional. */
  sizeEntry(input: Parameters<typeof sizeEntry>[0]): EntrySize {
    return sizeEntry(input);
  }

  floorToStep(quantity: Money, stepSize?: DecimalInput): Money {
    return floorToStep(quantity, stepSize);
  }

  /** The reference price moved against the order by the slippage. */
  fillPrice(ref: DecimalInput, side: Side, slippageBps: DecimalInput): Money {
    return fillPrice(ref, side, slippageBps);
  }

  sellFill(qty: Money, price: Money, feeRate: DecimalInput): Fill {
    return sellFill(qty, price, feeRate);
  }
}
