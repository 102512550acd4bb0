import { Inject, Injectable, Logger } from '@nestjs/common';
import { assertOutsideTransaction } from '../../database/transaction-guard';
import { type Candle, INTERVAL_MS, type Interval } from '../candle';
import type { SymbolInfo } from '../exchange-client.interface';
import { CANDLE_STORE, type CandleStore } from './candle-store';
import { MarketDataUnavailableError } from './market-data.errors';
import { PUBLIC_MARKET_API, type PublicMarketApi } from './public-market-api';
import { simulatedCandles, simulatedSymbolInfo } from './simulated-feed';

/** Closed candles a tick looks at: plenty for any indicator to settle. */
export const CANDLE_WINDOW = 500;
const MAX_CACHED_SLOTS = 5000;
const SYMBOL_INFO_TTL_MS = 10 * 60_000;
/** After a failed request, paper bots use the simulated feed this long before trying again. */
const OUTAGE_BACKOFF_MS = 30_000;
/** How long other workers wait for the one fetching a slot's candles before fetching too. */
const CLAIM_WAIT_MS = 3000;
const CLAIM_POLL_MS = 20;

export interface ClosedCandles {
  candles: Candle[];
  /** The closes as numbers, parsed once and shared by every bot on these candles. */
  closes: Float64Array;
  simulated: boolean;
}

/**
 * Candles are fetched once per symbol, interval and slot and shared by every bot on them
 * (concurrent callers share the one request; with Redis, every worker shares it), so request
 * weight grows with symbols, not bots or workers.
 */
@Injectable()
export class MarketDataService {
  private readonly logger = new Logger(MarketDataService.name);
  private readonly candleCache = new Map<string, Promise<ClosedCandles>>();
  private readonly symbolCache = new Map<
    string,
    { at: number; info: Promise<SymbolInfo | undefined> }
  >();
  private outageUntil = 0;

  constructor(
    @Inject(PUBLIC_MARKET_API) private readonly api: PublicMarketApi,
    @Inject(CANDLE_STORE) private readonly store: CandleStore,
  ) {}

  /**
   * The CANDLE_WINDOW candles closed before `slot`. A paper bot may fall back to the
   * simulated feed; a live bot gets MarketDataUnavailableError instead.
   */
  async closedCandles(
    symbol: string,
    interval: Interval,
    slot: number,
    allowSimulated: boolean,
  ): Promise<ClosedCandles> {
    // At the entry, not at the request: a cached answer would hide the violation until the
    // cache is cold.
    assertOutsideTransaction('a market data fetch');
    if (allowSimulated && this.inOutage()) return this.simulated(symbol, interval, slot);
    try {
      return await this.fetchClosed(symbol, interval, slot);
    } catch (error) {
      const reason = error instanceof MarketDataUnavailableError ? error.reason : describe(error);
      if (!allowSimulated) throw new MarketDataUnavailableError(reason);
      if (Date.now() >= this.outageUntil) {
        this.logger.warn(
          `exchange market data unavailable (${reason}); paper bots use simulated data`,
        );
      }
      this.outageUntil = Date.now() + OUTAGE_BACKOFF_MS;
      return this.simulated(symbol, interval, slot);
    }
  }

  /** Exchange filters and assets, cached; the simulated pair's in demo mode for paper. */
  async symbolInfo(symbol: string, allowSimulated: boolean): Promise<SymbolInfo> {
    assertOutsideTransaction('a symbol info fetch');
    if (allowSimulated && this.inOutage()) return simulatedSymbolInfo(symbol);
    const cached = this.symbolCache.get(symbol);
    let pending = cached && Date.now() - cached.at < SYMBOL_INFO_TTL_MS ? cached.info : undefined;
    if (!pending) {
      pending = this.api.symbolInfo(symbol);
      this.symbolCache.set(symbol, { at: Date.now(), info: pending });
      pending.catch(() => this.symbolCache.delete(symbol));
    }
    try {
      const info = await pending;
      if (info) return info;
      throw new MarketDataUnavailableError(`symbol ${symbol} is not listed`);
    } catch (error) {
      if (!allowSimulated) throw error;
      this.outageUntil = Date.now() + OUTAGE_BACKOFF_MS;
      return simulatedSymbolInfo(symbol);
    }
  }

  private fetchClosed(symbol: string, interval: Interval, slot: number): Promise<ClosedCandles> {
    const key = `${symbol}:${interval}:${slot}`;
    return this.cached(key, async () =>
      withCloses(
        await this.sharedClosed(`${this.api.source}:${key}`, symbol, interval, slot),
        false,
      ),
    );
  }

  /**
   * One worker claims the slot and fetches; the others read what it stored. A store that
   * fails, or a claimant that does not deliver in time, only costs an extra request.
   */
  private async sharedClosed(
    key: string,
    symbol: string,
    interval: Interval,
    slot: number,
  ): Promise<Candle[]> {
    // Kept a few candles long: a late or retried tick of the slot still finds them.
    const ttlMs = Math.max(60_000, 3 * INTERVAL_MS[interval]);
    try {
      const stored = await this.store.get(key);
      if (stored) return stored;
      if (!(await this.store.claim(key, CLAIM_WAIT_MS))) {
        for (let waited = 0; waited < CLAIM_WAIT_MS; waited += CLAIM_POLL_MS) {
          await new Promise((resolve) => setTimeout(resolve, CLAIM_POLL_MS));
          const delivered = await this.store.get(key);
          if (delivered) return delivered;
        }
      }
    } catch (error) {
      this.logger.debug(`shared candle store unavailable: ${describe(error)}`);
    }
    const candles = await this.requestClosed(symbol, interval, slot);
    await this.store
      .put(key, candles, ttlMs)
      .catch((error: unknown) => this.logger.debug(`could not share candles: ${describe(error)}`));
    return candles;
  }

  private async requestClosed(symbol: string, interval: Interval, slot: number): Promise<Candle[]> {
    // endTime pins the window to this slot, so a late or repeated tick sees the same candles,
    // and the candle still forming is never among them.
    const candles = (
      await this.api.klines(symbol, interval, { limit: CANDLE_WINDOW, endTime: slot - 1 })
    ).filter((candle) => candle.closeTime < slot);
    const last = candles.at(-1);
    if (!last || last.closeTime !== slot - 1) {
      throw new MarketDataUnavailableError(
        `no closed ${interval} candle for ${symbol} at ${new Date(slot).toISOString()} yet`,
      );
    }
    return candles;
  }

  /** Concurrent callers share one pending request; a failed one is forgotten at once. */
  private cached(key: string, load: () => Promise<ClosedCandles>): Promise<ClosedCandles> {
    let pending = this.candleCache.get(key);
    if (!pending) {
      pending = load();
      this.candleCache.set(key, pending);
      pending.catch(() => this.candleCache.delete(key));
      if (this.candleCache.size > MAX_CACHED_SLOTS) {
        this.candleCache.delete(this.candleCache.keys().next().value!);
      }
    }
    return pending;
  }

  private simulated(symbol: string, interval: Interval, slot: number): Promise<ClosedCandles> {
    return this.cached(`simulated:${symbol}:${interval}:${slot}`, async () =>
      withCloses(simulatedCandles(symbol, interval, slot, CANDLE_WINDOW), true),
    );
  }

  private inOutage(): boolean {
    return Date.now() < this.outageUntil;
  }
}

function withCloses(candles: Candle[], simulated: boolean): ClosedCandles {
  return {
    candles,
    closes: Float64Array.from(candles, (candle) => Number(candle.close)),
    simulated,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
