import type { Candle, Interval } from '../candle';
import type { SymbolInfo } from '../exchange-client.interface';

/** The exchange's unauthenticated market endpoints, as the engine needs them. */
export interface PublicMarketApi {
  /** Where the data comes from (the exchange host): shared caches keep sources apart. */
  readonly source: string;
  /** Candles whose openTime lies in [startTime, endTime], oldest first, at most `limit`. */
  klines(
    symbol: string,
    interval: Interval,
    options: { limit: number; startTime?: number; endTime?: number },
  ): Promise<Candle[]>;
  symbolInfo(symbol: string): Promise<SymbolInfo | undefined>;
}

export const PUBLIC_MARKET_API = Symbol('PUBLIC_MARKET_API');
