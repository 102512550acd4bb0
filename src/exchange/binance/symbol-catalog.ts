import type { SymbolInfo } from '../exchange-client.interface';
import type { RawSymbol } from './binance-symbol-info';
import { toSymbolInfo } from './binance-symbol-info';

export class SymbolNotListedError extends Error {
  override name = 'SymbolNotListedError';

  constructor(symbol: string) {
    super(`symbol ${symbol} is not listed`);
  }
}

/** Filters change rarely (a new step size, a symbol halted); this is how stale they may get. */
const TTL_MS = 10 * 60_000;

/**
 * exchangeInfo per symbol, fetched once and refreshed after TTL_MS; concurrent callers share
 * one request, and a failed one is forgotten at once.
 */
export class SymbolCatalog {
  private readonly entries = new Map<string, { at: number; info: Promise<SymbolInfo> }>();

  constructor(
    private readonly load: (symbol: string) => Promise<RawSymbol | undefined>,
    private readonly clock: () => number = Date.now,
  ) {}

  get(symbol: string): Promise<SymbolInfo> {
    const cached = this.entries.get(symbol);
    if (cached && this.clock() - cached.at < TTL_MS) return cached.info;
    const info = this.load(symbol).then((raw) => {
      if (!raw) throw new SymbolNotListedError(symbol);
      return toSymbolInfo(raw);
    });
    this.entries.set(symbol, { at: this.clock(), info });
    info.catch(() => this.entries.delete(symbol));
    return info;
  }
}
