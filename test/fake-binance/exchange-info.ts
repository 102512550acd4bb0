import { wire } from './decimals';
import type { LotRule, SymbolSpec } from './symbol-spec';

const lotFilter = (filterType: string, rule: LotRule) => ({
  filterType,
  minQty: wire(rule.minQty),
  maxQty: wire(rule.maxQty),
  stepSize: wire(rule.stepSize),
});

// avgPriceMins 0 tells clients the notional of a MARKET order is valued at the last price,
// which is what the fake does.
function notionalFilter(spec: SymbolSpec) {
  if (spec.notionalFilter === 'MIN_NOTIONAL') {
    return {
      filterType: 'MIN_NOTIONAL',
      minNotional: wire(spec.minNotional),
      applyToMarket: true,
      avgPriceMins: 0,
    };
  }
  return {
    filterType: 'NOTIONAL',
    minNotional: wire(spec.minNotional),
    applyMinToMarket: true,
    maxNotional: wire(spec.maxNotional),
    applyMaxToMarket: false,
    avgPriceMins: 0,
  };
}

/** One entry of exchangeInfo's `symbols`, advertising only what the fake supports (MARKET). */
function symbolInfo(spec: SymbolSpec) {
  return {
    symbol: spec.symbol,
    status: spec.status,
    baseAsset: spec.baseAsset,
    baseAssetPrecision: 8,
    quoteAsset: spec.quoteAsset,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: ['MARKET'],
    icebergAllowed: false,
    ocoAllowed: false,
    otoAllowed: false,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: false,
    cancelReplaceAllowed: false,
    amendAllowed: false,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: [
      {
        filterType: 'PRICE_FILTER',
        minPrice: wire(spec.tickSize),
        maxPrice: '1000000.00000000',
        tickSize: wire(spec.tickSize),
      },
      lotFilter('LOT_SIZE', spec.lotSize),
      lotFilter('MARKET_LOT_SIZE', spec.marketLotSize),
      notionalFilter(spec),
    ],
    permissions: [],
    permissionSets: [['SPOT']],
    defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
    allowedSelfTradePreventionModes: ['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
  };
}

export function exchangeInfo(specs: SymbolSpec[], serverTime: number, weightLimit: number) {
  return {
    timezone: 'UTC',
    serverTime,
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: weightLimit },
    ],
    exchangeFilters: [],
    symbols: specs.map(symbolInfo),
  };
}
