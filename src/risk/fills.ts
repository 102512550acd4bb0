import { FactorCache } from './factor-cache';
import { type DecimalInput, money, Money } from './money';
import type { FillParams, Parsed } from './risk-params';
import type { SymbolFilters } from './symbol-filters';

export type Side = 'BUY' | 'SELL';

// Multiplying by 1/10000 is exact and an order of magnitude cheaper than dividing.
const PER_BPS = money('0.0001');
const paying = new FactorCache((bps) => money(1).plus(money(bps).mul(PER_BPS)));
const receiving = new FactorCache((bps) => money(1).minus(money(bps).mul(PER_BPS)));

/** `ref * (1 ± slippageBps / 10000)`: buys pay up, sells receive less. */
export function fillPrice(ref: DecimalInput, side: Side, slippageBps: DecimalInput): Money {
  return money(ref).mul(side === 'BUY' ? paying.of(slippageBps) : receiving.of(slippageBps));
}

/** Rounds a quantity down to the step size (no rounding when the step is 0 or absent). */
export function floorToStep(quantity: Money, stepSize?: DecimalInput): Money {
  if (!stepSize) return quantity;
  const step = money(stepSize);
  return step.isZero() ? quantity : quantity.toNearest(step, Money.ROUND_DOWN);
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
  fill: Parsed<FillParams>;
  filters: Parsed<SymbolFilters>;
}): EntrySize {
  const { price, fill, filters } = input;
  const feeRate = money(fill.feeRate);
  const withFee = feeRate.plus(1);
  const balance = money(input.balanceQuote);
  const size = money(input.positionSizeQuote);
  // Backtests size thousands of entries: divide only when the balance cannot cover the size.
  const budget = size.mul(withFee).lte(balance) ? size : balance.div(withFee);
  const qty = floorToStep(budget.div(price), filters.stepSize);
  if (qty.lte(0)) {
    return { ok: false, reason: `balance ${balance.toFixed()} buys nothing` };
  }
  if (filters.minQty && qty.lessThan(filters.minQty)) {
    return {
      ok: false,
      reason: `quantity ${qty.toFixed()} is below minQty ${money(filters.minQty).toFixed()}`,
    };
  }
  const cost = qty.mul(price);
  if (filters.minNotional && cost.lessThan(filters.minNotional)) {
    return {
      ok: false,
      reason: `order value ${cost.toFixed()} is below minNotional ${money(filters.minNotional).toFixed()}`,
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
