import { D, type Dec } from './decimals';
import type { FakeSymbolConfig } from './fake-binance.types';

export interface LotRule {
  minQty: Dec;
  maxQty: Dec;
  stepSize: Dec;
}

/** A symbol's configuration with defaults applied and filter values parsed once. */
export interface SymbolSpec {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  status: 'TRADING' | 'BREAK' | 'HALT';
  tickSize: Dec;
  lotSize: LotRule;
  marketLotSize: LotRule;
  minNotional: Dec;
  maxNotional: Dec;
  notionalFilter: 'NOTIONAL' | 'MIN_NOTIONAL';
  price: number;
}

export function toSymbolSpec(config: FakeSymbolConfig): SymbolSpec {
  const lotSize = {
    minQty: new D(config.minQty),
    maxQty: new D(config.maxQty),
    stepSize: new D(config.stepSize),
  };
  const market = config.marketLotSize;
  return {
    symbol: config.symbol,
    baseAsset: config.baseAsset,
    quoteAsset: config.quoteAsset,
    status: config.status ?? 'TRADING',
    tickSize: new D(config.tickSize),
    lotSize,
    marketLotSize: market
      ? {
          minQty: new D(market.minQty),
          maxQty: new D(market.maxQty),
          stepSize: new D(market.stepSize),
        }
      : { minQty: new D(0), maxQty: lotSize.maxQty, stepSize: new D(0) },
    minNotional: new D(config.minNotional),
    maxNotional: new D(config.maxNotional ?? '9000000'),
    notionalFilter: config.notionalFilter ?? 'NOTIONAL',
    price: config.price,
  };
}
