import Decimal from 'decimal.js';

/**
 * Money arithmetic. A private Decimal clone so no other code can change its precision:
 * 40 significant digits keeps quantities x prices exact for anything a crypto pair holds.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
export type Money = Decimal;

export type DecimalInput = string | number | Decimal;

/** Decimals are immutable, so one that is already Money is used as it is, not copied. */
export const money = (value: DecimalInput): Money =>
  value instanceof Money ? value : new Money(value);

/** Plain notation always: the exchange rejects "1e-7" and people misread it. */
export const formatMoney = (value: Money): string => value.toFixed();
