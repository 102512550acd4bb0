import { LRUCache } from 'lru-cache';
import type { SymbolInfo } from '../exchange-client.interface';
import { SymbolNotListedError } from '../market-data/market-data.errors';
import type { RawSymbol } from './binance-symbol-info';
import { toSymbolInfo } from './binance-symbol-info';

/** Filters change rarely (a new step size, a symbol halted); this is how stale they may get. */
const TTL_MS = 10 * 60_000;
/** More than Binance lists (about 3,000 pairs), so every symbol in use stays. */
export const MAX_CATALOG_SYMBOLS = 5000;

/**
 * exchangeInfo per symbol, fetched once and refreshed after TTL_MS; concurrent callers share
 * one request, and a failed one is forgotten at once.
 */
export class SymbolCatalog {
  private readonly entries: LRUCache<string, SymbolInfo>;

  constructor(load: (symbol: string) => Promise<RawSymbol | undefined>, perf?: { now(): number }) {
    this.entries = new LRUCache({
      max: MAX_CATALOG_SYMBOLS,
      ttl: TTL_MS,
      // An entry pushed out while it loads still answers the callers waiting for it.
      ignoreFetchAbort: true,
      ...(perf ? { perf } : {}),
      fetchMethod: async (symbol) => {
        const raw = await load(symbol);
        if (!raw) throw new SymbolNotListedError(symbol);
        return toSymbolInfo(raw);
      },
    });
  }

  get(symbol: string): Promise<SymbolInfo> {
    return this.entries.forceFetch(symbol);
  }
}
