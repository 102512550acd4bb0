import { type DecimalInput, money, type Money } from './money';
import type { FillParams } from './risk-params';
import type { SymbolFilters } from './symbol-filters';

export type Side = 'BUY' | 'SELL';

const BPS = 10_000;

/** `ref * (1 ± slippageBps / 10000)`: buys pay up, sells receive less. */
export function fillPrice(ref: DecimalInput, side: Side, slippageBps: DecimalInput): Money {
  const slip = money(slippageBps).div(BPS);
  return money(ref).mul(side === 'BUY' ? slip.plus(1) : money(1).minus(slip));
}

/** Rounds a quantity down to the step size (no rounding when the step is 0 or absent). */
export function floorToStep(quantity: Money, stepSize?: string): Money {
  if (!stepSize || money(stepSize).isZero()) return quantity;
  const step = money(stepSize);
  return quantity.div(step).floor().mul(step);
}

export type EntrySize =
  { ok: true; qty: Money; price: Money; cost: Money; fee: Money } | { ok: false; reason: string };

/**
 * Sizes a market buy: budget `min(positionSizeQuote, balance / (1 + feeRate))`,
 * quantity floored to the step, then the min-qty and min-notional checks.
 */
export function sizeEntry(input: {
  balanceQuote: DecimalInput;
  positionSizeQuote: DecimalInput;
  price: Money;
  fill: FillParams;
  filters: SymbolFilters;
}): EntrySize {
  const { price, fill, filters } = input;
  const feeRate = money(fill.feeRate);
  const affordable = money(input.balanceQuote).div(feeRate.plus(1));
  const budget = money(input.positionSizeQuote).lessThan(affordable)
    ? money(input.positionSizeQuote)
    : affordable;
  const qty = floorToStep(budget.div(price), filters.stepSize);
  if (qty.lte(0)) {
    return { ok: false, reason: `balance ${money(input.balanceQuote).toFixed()} buys nothing` };
  }
  if (filters.minQty && qty.lessThan(filters.minQty)) {
    return { ok: false, reason: `quantity ${qty.toFixed()} is below minQty ${filters.minQty}` };
  }
  const cost = qty.mul(price);
  if (filters.minNotional && cost.lessThan(filters.minNotional)) {
    return {
      ok: false,
      reason: `order value ${cost.toFixed()} is below minNotional ${filters.minNotional}`,
    };
  }
  return { ok: true, qty, price, cost, fee: cost.mul(feeRate) };
}

export interface Fill {
  side: Side;
  qty: Money;
  price: Money;
  /** qty * price */
  quote: Money;
  fee: Money;
}

export function buyFill(qty: Money, price: Money, feeRate: DecimalInput): Fill {
  const quote = qty.mul(price);
  return { side: 'BUY', qty, price, quote, fee: quote.mul(feeRate) };
}

export function sellFill(qty: Money, price: Money, feeRate: DecimalInput): Fill {
  const quote = qty.mul(price);
  return { side: 'SELL', qty, price, quote, fee: quote.mul(feeRate) };
}

/** What the quote balance changes by: `-(cost + fee)` on a buy, `proceeds - fee` on a sell. */
export function quoteDelta(fill: Fill): Money {
  return fill.side === 'BUY' ? fill.quote.plus(fill.fee).neg() : fill.quote.minus(fill.fee);
}

/** PnL of a round trip, recorded on the sell: `(proceeds - sellFee) - (cost + buyFee)`. */
export function roundTripPnl(buy: { quote: Money; fee: Money }, sell: Fill): Money {
  return sell.quote.minus(sell.fee).minus(buy.quote.plus(buy.fee));
}
