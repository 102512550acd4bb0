import { filterFailure } from './binance-error';
import { type Dec, isMultipleOf } from './decimals';
import type { LotRule, SymbolSpec } from './symbol-spec';

function checkLot(quantity: Dec, rule: LotRule, filter: string): void {
  const tooBig = !rule.maxQty.isZero() && quantity.gt(rule.maxQty);
  if (
    quantity.lte(0) ||
    quantity.lt(rule.minQty) ||
    tooBig ||
    !isMultipleOf(quantity, rule.stepSize)
  ) {
    throw filterFailure(filter);
  }
}

/** A MARKET order's quantity must pass LOT_SIZE and then MARKET_LOT_SIZE, as on Binance. */
export function checkMarketQuantity(spec: SymbolSpec, quantity: Dec): void {
  checkLot(quantity, spec.lotSize, 'LOT_SIZE');
  checkLot(quantity, spec.marketLotSize, 'MARKET_LOT_SIZE');
}

/** Only the minimum applies to MARKET orders (applyMaxToMarket is false). */
export function checkMarketNotional(spec: SymbolSpec, notional: Dec): void {
  if (notional.lt(spec.minNotional)) throw filterFailure(spec.notionalFilter);
}

/** The step a quoteOrderQty order's quantity is rounded down to, so that it passes both lot rules. */
export function marketStep(spec: SymbolSpec): Dec {
  return spec.marketLotSize.stepSize.isZero() ? spec.lotSize.stepSize : spec.marketLotSize.stepSize;
}
