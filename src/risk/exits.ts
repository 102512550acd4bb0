import { type DecimalInput, money, type Money } from './money';
import type { RiskParams } from './risk-params';

export type ExitRule = 'stop_loss' | 'take_profit' | 'trailing_stop';

export interface ExitLevels {
  stopLoss: Money | null;
  takeProfit: Money | null;
}

const HUNDRED = 100;

/** `entry * (1 - stopLossPct/100)` and `entry * (1 + takeProfitPct/100)`; null when off. */
export function exitLevels(entry: DecimalInput, risk: RiskParams): ExitLevels {
  const entryPrice = money(entry);
  return {
    stopLoss:
      risk.stopLossPct === null
        ? null
        : entryPrice.mul(money(1).minus(money(risk.stopLossPct).div(HUNDRED))),
    takeProfit:
      risk.takeProfitPct === null
        ? null
        : entryPrice.mul(money(1).plus(money(risk.takeProfitPct).div(HUNDRED))),
  };
}

/** `high * (1 - trailingStopPct/100)`; null when off. */
export function trailingLevel(high: DecimalInput, trailingStopPct: string | null): Money | null {
  return trailingStopPct === null
    ? null
    : money(high).mul(money(1).minus(money(trailingStopPct).div(HUNDRED)));
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
