import type { ExitRule } from '../../risk/exits';
import type { CandleSeries, PriceColumn } from '../candle-series';

/** A market buy as filled: `quote = qty * price`, the fee on top, the balance after. */
export interface Bought<A> {
  price: A;
  qty: A;
  quote: A;
  fee: A;
  balance: A;
}

/** A position sold: the round trip's PnL `(proceeds - sellFee) - (cost + buyFee)`. */
export interface Sold<A> {
  price: A;
  fee: A;
  pnl: A;
  balance: A;
}

/**
 * The exact money of a backtest: the risk rules' fill, sizing, exit and daily-limit
 * arithmetic over amounts of type `A`, and what a report needs to read them. Two
 * implementations agree to the last digit: decimals through the given RiskRules (any rules,
 * the reference) and scaled integers (the stock rules, about four times as fast).
 * Methods, not function properties, so an arithmetic of bigints is one of unknowns.
 */
export interface BacktestArithmetic<A> {
  readonly zero: A;
  /** A decimal string as given (a balance, a price) as an exact amount. */
  parse(text: string): A;
  /** A candle's price, exact. */
  price(candles: CandleSeries, column: PriceColumn, index: number): A;
  /** Plain notation, no trailing zeros, as `Decimal#toFixed()` prints. */
  format(amount: A): string;
  /** Close to the amount: for the loop's steering, never for money. */
  toNumber(amount: A): number;
  plus(a: A, b: A): A;
  compare(a: A, b: A): number;
  /**
   * Called with each close the run holds a position at, which the report values the position
   * at: throws Unscalable when this arithmetic cannot hold that close.
   */
  checkHeldClose(close: number): void;
  /** A position's equity `balance + qty * close` at a candle's close, for the report. */
  markToMarket(balance: A, qty: A): (candles: CandleSeries, index: number) => A;
  /**
   * A market buy at a candle's price (its close, or its open with a delayed execution) plus
   * the slippage, sized from `balance`; null when the sizing says no.
   */
  buy(candles: CandleSeries, column: PriceColumn, index: number, balance: A): Bought<A> | null;
  /**
   * Selling what `bought` bought at an exit rule's level less the slippage: the stop loss or
   * take profit of the entry, or the trailing stop under the highest high since the entry
   * (`high`: its candle, -1 for the entry price).
   */
  sellAtLevel(
    rule: ExitRule,
    bought: Bought<A>,
    candles: CandleSeries,
    high: number,
    balance: A,
  ): Sold<A>;
  /** Selling what `bought` bought at a candle's price less the slippage. */
  sellAt(
    candles: CandleSeries,
    column: PriceColumn,
    index: number,
    bought: Bought<A>,
    balance: A,
  ): Sold<A>;
  /**
   * The level of an exit rule that is on, for the position `bought`: the stop loss or take
   * profit of the entry, or the trailing stop under the highest high since the entry
   * (`high`: its candle, -1 for the entry price). `sellAtLevel` sells at it.
   */
  level(rule: ExitRule, bought: Bought<A>, candles: CandleSeries, high: number): A;
  /** Whether a daily limit blocks entries after `trades` entries and `realizedPnl` that day. */
  dailyLimitHit(trades: number, realizedPnl: A): boolean;
}
