import { FactorCache } from './factor-cache';
import { type DecimalInput, money, type Money } from './money';
import type { Parsed, RiskParams } from './risk-params';

export type ExitRule = 'stop_loss' | 'take_profit' | 'trailing_stop';

export interface ExitLevels {
  stopLoss: Money | null;
  takeProfit: Money | null;
}

// Multiplying by 1/100 is exact and an order of magnitude cheaper than dividing.
const PER_CENT = money('0.01');
/** `1 - pct/100` and `1 + pct/100`. */
const below = new FactorCache((pct) => money(1).minus(money(pct).mul(PER_CENT)));
const above = new FactorCache((pct) => money(1).plus(money(pct).mul(PER_CENT)));

/** `entry * (1 - stopLossPct/100)` and `entry * (1 + takeProfitPct/100)`; null when off. */
export function exitLevels(entry: DecimalInput, risk: Parsed<RiskParams>): ExitLevels {
  const entryPrice = money(entry);
  return {
    stopLoss: risk.stopLossPct === null ? null : entryPrice.mul(below.of(risk.stopLossPct)),
    takeProfit: risk.takeProfitPct === null ? null : entryPrice.mul(above.of(risk.takeProfitPct)),
  };
}

/** `high * (1 - trailingStopPct/100)`; null when off. */
export function trailingLevel(
  high: DecimalInput,
  trailingStopPct: DecimalInput | null,
): Money | null {
  return trailingStopPct === null ? null : money(high).mul(below.of(trailingStopPct));
}

/**
 * The exit a tick takes at last price `p`, checked in the rules' order: stop loss, take
 * profit, trailing stop (against the highest close since entry, `high`, including `p`).
 */
export function tickExit(input: {
  price: DecimalInput;
  entry: DecimalInput;
  high: DecimalInput;
  risk: RiskParams;
}): ExitRule | null {
  const price = money(input.price);
  const levels = exitLevels(input.entry, input.risk);
  if (levels.stopLoss && price.lte(levels.stopLoss)) return 'stop_loss';
  if (levels.takeProfit && price.gte(levels.takeProfit)) return 'take_profit';
  const trail = trailingLevel(input.high, input.risk.trailingStopPct);
  if (trail && price.lte(trail)) return 'trailing_stop';
  return null;
}
