import Decimal from 'decimal.js';

/** Exact decimal arithmetic: quantities and prices are decimal strings on the wire. */
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

/** Binance prints prices, quantities and balances with 8 decimals. */
export function wire(value: Dec): string {
  return value.toFixed(8);
}

/** Rounds to a multiple of `step`; a zero step (a disabled rule) leaves the value alone. */
export function toStep(value: Dec, step: Dec, rounding: Decimal.Rounding): Dec {
  if (step.isZero()) return value;
  return value.div(step).toDecimalPlaces(0, rounding).mul(step);
}

export function isMultipleOf(value: Dec, step: Dec): boolean {
  return step.isZero() || value.mod(step).isZero();
}
