import type { Candle } from '../../kernel/candle';
import type { SymbolInfo } from '../exchange-client.interface';
import { type Interval } from '../../kernel/interval';

/**
 * A klines request for a backtest or a chart rather than a bot's tick: it may use only the
 * exchange's request budget above what trading keeps, and waits for that at most
 * `maxWaitMs` (0: refused at once, as MarketDataBudgetSpentError).
 */
export interface MarketDataRequest {
  maxWaitMs: number;
  /** The caller went away: stop waiting. */
  signal?: AbortSignal;
}

/** The exchange's unauthenticated market endpoints, as the engine needs them. */
export interface PublicMarketApi {
  /** Where the data comes from (the exchange host): shared caches keep sources apart. */
  readonly source: string;
  /**
   * Candles whose openTime lies in [startTime, endTime], oldest first, at most `limit`; for
   * a bot's tick unless `marketData` says otherwise.
   */
  klines(
    symbol: string,
    interval: Interval,
    options: { limit: number; startTime?: number; endTime?: number },
    marketData?: MarketDataRequest,
  ): Promise<Candle[]>;
  symbolInfo(symbol: string): Promise<SymbolInfo | undefined>;
}

export const PUBLIC_MARKET_API = Symbol('PUBLIC_MARKET_API');
