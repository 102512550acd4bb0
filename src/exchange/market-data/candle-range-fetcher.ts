import { Inject, Injectable, Logger, Optional, ServiceUnavailableException } from '@nestjs/common';
import { MarketDataStatus } from '../../health/market-data-status';
import { RetryLaterError } from '../../kernel/errors/retry-later.error';
import { InvalidInputError } from '../../kernel/errors/validation.error';
import { type Candle, lastClosedSlot } from '../../kernel/candle';
import type { SymbolInfo } from '../exchange-client.interface';
import {
  exchangeUnreachableMessage,
  MarketDataBudgetSpentError,
  MarketHostUnavailableError,
  SymbolNotListedError,
} from './market-data.errors';
import { PUBLIC_MARKET_API, type PublicMarketApi } from './public-market-api';
import { INTERVAL_MS, type Interval } from '../../kernel/interval';

/** Binance's largest klines page. */
const PAGE = 1000;
/** A progress line every this many pages: a year of 1m candles is 526 requests. */
const PROGRESS_EVERY = 50;
/**
 * A backtest that has fetched pages waits up to a weight minute for its share of the budget
 * rather than throw them away; the waiters are bounded by the backtest places.
 */
const LATER_PAGE_WAIT_MS = 60_000;

export interface CandleRange {
  symbol: string;
  interval: Interval;
  startTime: number;
  endTime: number;
}

export interface RangeEnd {
  /** Oldest first. */
  candles: Candle[];
  /** The range holds more closed candles, before the first of these. */
  truncated: boolean;
}

/**
 * Closed candles of a symbol over a time range, page by page from the exchange, within the
 * request budget's share above the trading reserve: past it, a request that has fetched
 * nothing yet is answered 429 with Retry-After at once.
 */
@Injectable()
export class CandleRangeFetcher {
  private readonly logger = new Logger(CandleRangeFetcher.name);

  constructor(
    @Inject(PUBLIC_MARKET_API) private readonly api: PublicMarketApi,
    // The host's reachability, for /health: a backtest offline is often the first to know.
    @Optional() private readonly status?: MarketDataStatus,
  ) {}

  async symbolInfo(symbol: string): Promise<SymbolInfo> {
    const info = await this.call(() => this.api.symbolInfo(symbol));
    if (!info) throw notListed();
    return info;
  }

  /**
   * The last `limit` (below Binance's page of 1000) candles of the range that have closed by
   * now, and whether the range holds more: one request back from the range's end, one candle
   * over the limit to tell, however long the range is.
   */
  async lastCandles(range: CandleRange, limit: number, now = Date.now()): Promise<RangeEnd> {
    // Not past the last closed candle: the one still forming would take a place.
    const endTime = Math.min(
      range.endTime,
      lastClosedSlot(range.interval, now) - INTERVAL_MS[range.interval],
    );
    if (endTime < range.startTime) return { candles: [], truncated: false };
    // Without startTime, Binance answers the latest `limit` up to endTime.
    const rows = await this.call(() =>
      this.api.klines(
        range.symbol,
        range.interval,
        { limit: limit + 1, endTime },
        { maxWaitMs: 0 },
      ),
    );
    const closed = rows.filter(
      (candle) => candle.openTime >= range.startTime && candle.closeTime < now,
    );
    return { candles: closed.slice(-limit), truncated: closed.length > limit };
  }

  /**
   * Candles whose openTime lies in [startTime, endTime] and that have closed by now, a
   * page at a time, so a caller can turn each into something more compact as it comes.
   * `signal` ends the fetch when the caller goes away.
   */
  async *pages(
    range: CandleRange,
    signal?: AbortSignal,
    now = Date.now(),
  ): AsyncGenerator<Candle[]> {
    const step = INTERVAL_MS[range.interval];
    const expected = Math.ceil((range.endTime - range.startTime + 1) / step);
    let fetched = 0;
    let from = range.startTime;
    for (let page = 1; from <= range.endTime; page++) {
      const rows = await this.call(() =>
        this.api.klines(
          range.symbol,
          range.interval,
          { limit: PAGE, startTime: from, endTime: range.endTime },
          { maxWaitMs: page === 1 ? 0 : LATER_PAGE_WAIT_MS, signal },
        ),
      );
      const closed = rows.filter((candle) => candle.closeTime < now);
      fetched += closed.length;
      yield closed;
      if (page % PROGRESS_EVERY === 0) {
        this.logger.log(
          `${range.symbol} ${range.interval}: ${fetched} of about ${expected} candles fetched`,
        );
      }
      // A short page or a forming candle means the range has no more closed candles.
      if (rows.length < PAGE || closed.length < rows.length) break;
      from = rows[rows.length - 1].openTime + step;
    }
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      const answer = await request();
      this.status?.reachable();
      return answer;
    } catch (error) {
      // Klines of a symbol the exchange does not list fail with that.
      if (error instanceof SymbolNotListedError) throw notListed();
      if (error instanceof MarketDataBudgetSpentError) {
        const seconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
        throw new RetryLaterError(`${error.message}; retry in ${seconds} s`, seconds);
      }
      if (error instanceof MarketHostUnavailableError) {
        this.status?.unreachable();
        throw new ServiceUnavailableException(exchangeUnreachableMessage(error));
      }
      throw new ServiceUnavailableException(
        `could not fetch candles from the exchange: ${(error as Error).message}`,
      );
    }
  }
}

function notListed(): InvalidInputError {
  return new InvalidInputError([{ field: 'symbol', reason: 'is not listed on the exchange' }]);
}
