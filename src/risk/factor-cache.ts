import type { DecimalInput, Money } from './money';

/**
 * A factor derived from a param, computed once per parsed param: a backtest passes the
 * same parsed decimals for every fill, while a tick passes strings and computes afresh.
 */
export class FactorCache {
  private readonly byParam = new WeakMap<object, Money>();

  constructor(private readonly derive: (param: DecimalInput) => Money) {}

  of(param: DecimalInput): Money {
    if (typeof param !== 'object') return this.derive(param);
    let factor = this.byParam.get(param);
    if (!factor) {
      factor = this.derive(param);
      this.byParam.set(param, factor);
    }
    return factor;
  }
}
