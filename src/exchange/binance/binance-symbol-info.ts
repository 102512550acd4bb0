import type { SymbolInfo } from '../exchange-client.interface';

interface RawFilter {
  filterType: string;
  tickSize?: string;
  stepSize?: string;
  minQty?: string;
  minNotional?: string;
}

export interface RawSymbol {
  symbol: string;
  status: string;
  baseAsset: string;
  quoteAsset: string;
  filters: RawFilter[];
}

/**
 * exchangeInfo's filters as the engine uses them. A market order is bound by
 * MARKET_LOT_SIZE where it sets a step, else by LOT_SIZE; NOTIONAL replaced MIN_NOTIONAL.
 */
export function toSymbolInfo(raw: RawSymbol): SymbolInfo {
  const filter = (type: string) => raw.filters.find((f) => f.filterType === type);
  const lot = filter('LOT_SIZE');
  const marketLot = filter('MARKET_LOT_SIZE');
  const notional = filter('NOTIONAL') ?? filter('MIN_NOTIONAL');
  const positive = (value?: string) =>
    value !== undefined && Number(value) > 0 ? value : undefined;
  return {
    symbol: raw.symbol,
    baseAsset: raw.baseAsset,
    quoteAsset: raw.quoteAsset,
    trading: raw.status === 'TRADING',
    filters: {
      tickSize: positive(filter('PRICE_FILTER')?.tickSize),
      stepSize: positive(marketLot?.stepSize) ?? positive(lot?.stepSize),
      minQty: positive(marketLot?.minQty) ?? positive(lot?.minQty),
      minNotional: positive(notional?.minNotional),
    },
  };
}
