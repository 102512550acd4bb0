import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { assertOutsideTransaction } from '../../common/network-boundary';
import { MarketDataStatus } from '../../health/market-data-status';
import { type Candle, type CandleColumns, candleColumns } from '../../kernel/candle';
import type { SymbolInfo } from '../exchange-client.interface';
import { CANDLE_STORE, type CandleStore } from './candle-store';
import {
  MarketDataUnavailableError,
  MarketHostUnavailableError,
  SymbolNotListedError,
} from './market-data.errors';
import { PUBLIC_MARKET_API, type PublicMarketApi } from './public-market-api';
import { type PriceAnchor, simulatedCandles, simulatedSymbolInfo } from './simulated-feed';
import { INTERVAL_MS, type Interval } from '../../kernel/interval';

/** Closed candles a tick looks at: plenty for any indicator to settle. */
export const CANDLE_WINDOW = 500;
/**
 * Candles this process keeps, all windows together: 500 windows (some 70 MB), more symbol and
 * interval pairs than one slot's ticks need at once. Past it a window is only fetched again.
 */
export const MAX_CACHED_CANDLES = 500 * CANDLE_WINDOW;
/** After the host fails, paper bots use the simulated feed this long before trying again. */
const OUTAGE_BACKOFF_MS = 30_000;
/** How long other workers wait for the one fetching a slot's candles before fetching too. */
const CLAIM_WAIT_MS = 3000;
const CLAIM_POLL_MS = 20;

export interface ClosedCandles {
  candles: Candle[];
  /** The candles as numbers, parsed once and shared by every bot on these candles. */
  columns: CandleColumns;
  simulated: boolean;
}

type LoadWindow = () => Promise<ClosedCandles>;

/**
 * Candles are fetched once per symbol, interval and slot and shared by every bot on them
 * (concurrent callers share the one request; with Redis, every worker shares it), so request
 * weight grows with symbols, not bots or workers.
 *
 * The service reads one host (its PublicMarketApi's source). Only that host's own failures
 * (no answer, a 5xx, a rate limit) put paper bots on the simulated feed, all of them at once
 * and for a while; a symbol the host does not list, or a candle it does not have yet, is the
 * error of the bots on that symbol alone.
 */
@Injectable()
export class MarketDataService {
  private readonly logger = new Logger(MarketDataService.name);
  /** Windows by symbol, interval and slot; a load in flight is shared, a failed one dropped. */
  private readonly windows = new LRUCache<string, ClosedCandles, LoadWindow>({
    maxSize: MAX_CACHED_CANDLES,
    sizeCalculation: (market) => Math.max(1, market.candles.length),
    // A slot's window is dead weight once its ticks are done: freed then, not when pushed out.
    ttlAutopurge: true,
    // A window pushed out while it loads still answers the ticks waiting for it.
    ignoreFetchAbort: true,
    fetchMethod: (_key, _stale, { context }) => context(),
  });
  private outageUntil = 0;
  /** The last real close seen per symbol: a simulation carries on from it. */
  private readonly lastReal = new LRUCache<string, PriceAnchor>({ max: 10_000 });
  /** Said once when the host goes down and once when it answers again, not at each retry. */
  private hostDown = false;

  constructor(
    @Inject(PUBLIC_MARKET_API) private readonly api: PublicMarketApi,
    @Inject(CANDLE_STORE) private readonly store: CandleStore,
    // For /health; a process without it (a unit test) just does not tell.
    @Optional() private readonly status?: MarketDataStatus,
  ) {}

  /**
   * The CANDLE_WINDOW candles closed before `slot`. In an outage of the host a paper bot gets
   * the simulated feed; anything else fails as MarketDataUnavailableError (retry later) or
   * SymbolNotListedError (never).
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
      const failure = this.failure(error);
      if (allowSimulated && failure instanceof MarketHostUnavailableError) {
        return this.simulated(symbol, interval, slot);
      }
      throw failure;
    }
  }

  /**
   * Exchange filters and assets (cached where they are fetched: the venue's catalog, which live
   * orders share); in an outage of the host, a paper bot gets the simulated pair's.
   */
  async symbolInfo(symbol: string, allowSimulated: boolean): Promise<SymbolInfo> {
    assertOutsideTransaction('a symbol info fetch');
    if (allowSimulated && this.inOutage()) {
      return simulatedSymbolInfo(symbol, this.lastReal.get(symbol)?.price);
    }
    try {
      const info = await this.api.symbolInfo(symbol);
      if (!info) throw new SymbolNotListedError(symbol);
      return info;
    } catch (error) {
      const failure = this.failure(error);
      if (allowSimulated && failure instanceof MarketHostUnavailableError) {
        return simulatedSymbolInfo(symbol, this.lastReal.get(symbol)?.price);
      }
      throw failure;
    }
  }

  /** The last real close this process saw for the symbol, if any. */
  lastPrice(symbol: string): number | undefined {
    return this.lastReal.get(symbol)?.price;
  }

  private fetchClosed(symbol: string, interval: Interval, slot: number): Promise<ClosedCandles> {
    const key = `${symbol}:${interval}:${slot}`;
    return this.cached(key, interval, async () => {
      const candles = await this.sharedClosed(`${this.api.source}:${key}`, symbol, interval, slot);
      // Fetched here or by another worker: either way the latest real price of the symbol.
      this.seen(symbol, candles[candles.length - 1]);
      return withColumns(candles, false);
    });
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
    const ttlMs = windowTtlMs(interval);
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
    const answer = await this.api.klines(symbol, interval, {
      limit: CANDLE_WINDOW,
      endTime: slot - 1,
    });
    this.hostAnswered();
    const candles = answer.filter((candle) => candle.closeTime < slot);
    const last = candles.at(-1);
    if (!last || last.closeTime !== slot - 1) {
      throw new MarketDataUnavailableError(
        `no closed ${interval} candle for ${symbol} at ${new Date(slot).toISOString()} yet`,
      );
    }
    return candles;
  }

  private cached(key: string, interval: Interval, load: LoadWindow): Promise<ClosedCandles> {
    return this.windows.forceFetch(key, { context: load, ttl: windowTtlMs(interval) });
  }

  private simulated(symbol: string, interval: Interval, slot: number): Promise<ClosedCandles> {
    const anchor = this.lastReal.get(symbol);
    return this.cached(`simulated:${symbol}:${interval}:${slot}`, interval, async () =>
      withColumns(simulatedCandles(symbol, interval, slot, CANDLE_WINDOW, anchor), true),
    );
  }

  private seen(symbol: string, candle: Candle): void {
    const known = this.lastReal.get(symbol);
    if (!known || known.time <= candle.closeTime) {
      this.lastReal.set(symbol, { price: Number(candle.close), time: candle.closeTime + 1 });
    }
  }

  /** A failure as callers see it; one of the host's own starts or extends its outage. */
  private failure(error: unknown): Error {
    if (error instanceof SymbolNotListedError) return error;
    if (error instanceof MarketHostUnavailableError) {
      if (!this.hostDown) {
        this.hostDown = true;
        this.status?.unreachable();
        this.logger.warn(
          `market data unavailable (${error.reason}); paper bots use simulated data, ` +
            `asking the host again every ${OUTAGE_BACKOFF_MS / 1000} s`,
        );
      }
      this.outageUntil = Date.now() + OUTAGE_BACKOFF_MS;
      return error;
    }
    if (error instanceof MarketDataUnavailableError) return error;
    return new MarketDataUnavailableError(describe(error));
  }

  /** Candles came back (symbol info may come from a cache, so it proves nothing). */
  private hostAnswered(): void {
    if (!this.hostDown) return;
    this.hostDown = false;
    this.status?.reachable();
    this.logger.log(`market data available again from ${this.api.source}`);
  }

  private inOutage(): boolean {
    return Date.now() < this.outageUntil;
  }
}

/** A few candles long: a late or retried tick of the slot still finds its window. */
function windowTtlMs(interval: Interval): number {
  return Math.max(60_000, 3 * INTERVAL_MS[interval]);
}

function withColumns(candles: Candle[], simulated: boolean): ClosedCandles {
  return { candles, columns: candleColumns(candles), simulated };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
