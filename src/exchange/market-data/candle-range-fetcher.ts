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
import {
  type CandleSeries,
  CandleHistoryRepository,
} from '../../database/repositories/candle-history.repository';
import { closedSpan, fetchedSpan, type Segment, segments, type Span } from './candle-history-spans';

/** Binance's largest klines page. */
const PAGE = 1000;
/** A progress line every this many pages: a year of 1m candles is 526 requests. */
const PROGRESS_EVERY = 50;
/** Candles read from the history at a time (a year of 1m candles is 53 reads). */
const HELD_PAGE = 10_000;
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

/** The candle history as the fetcher uses it (the repository; a fake in unit specs). */
export type CandleHistoryStore = Pick<CandleHistoryRepository, 'spans' | 'read' | 'store'>;

interface Plan {
  range: CandleRange;
  series: CandleSeries;
  segments: Segment[];
  /** Exchange requests made so far. */
  requests: number;
}

export interface RangeEnd {
  /** Oldest first. */
  candles: Candle[];
  /** The range holds more closed candles, before the first of these. */
  truncated: boolean;
}

/**
 * Closed candles of a symbol over a time range, page by page from the candle history and,
 * for what it lacks, from the exchange within the request budget's share above the trading
 * reserve: past it, a request that has fetched nothing yet is answered 429 with Retry-After
 * at once.
 */
@Injectable()
export class CandleRangeFetcher {
  private readonly logger = new Logger(CandleRangeFetcher.name);

  constructor(
    @Inject(PUBLIC_MARKET_API) private readonly api: PublicMarketApi,
    // The host's reachability, for /health: a backtest offline is often the first to know.
    @Optional() private readonly status?: MarketDataStatus,
    // Ranges already fetched, read back instead of asked for again.
    @Optional()
    @Inject(CandleHistoryRepository)
    private readonly history?: CandleHistoryStore,
  ) {}

  /** The exchange host the candles come from, as the history keys them. */
  get venue(): string {
    return this.api.source;
  }

  async symbolInfo(symbol: string): Promise<SymbolInfo> {
    const info = await this.call(() => this.api.symbolInfo(symbol));
    if (!info) throw notListed();
    return info;
  }

  /**
   * The last `limit` (below Binance's page of 1000) candles of the range that have closed by
   * now, and whether the range holds more: only the window they take, read from the candle
   * history or else fetched in one request back from the range's end, however long it is.
   */
  async lastCandles(range: CandleRange, limit: number, now = Date.now()): Promise<RangeEnd> {
    const step = INTERVAL_MS[range.interval];
    // Not past the last closed candle: the one still forming would take a place.
    const endTime = Math.min(range.endTime, lastClosedSlot(range.interval, now) - step);
    if (endTime < range.startTime) return { candles: [], truncated: false };
    // One candle more than asked, back from the end: it tells whether the range holds more.
    const lastOpen = endTime - (endTime % step);
    const window = { ...range, startTime: Math.max(range.startTime, lastOpen - limit * step) };
    const candles: Candle[] = [];
    for await (const page of this.pages({ ...window, endTime }, undefined, now)) {
      candles.push(...page);
    }
    return { candles: candles.slice(-limit), truncated: candles.length > limit };
  }

  /**
   * Candles whose openTime lies in [startTime, endTime] and that have closed by now, a
   * page at a time, so a caller can turn each into something more compact as it comes. The
   * parts the candle history holds are read from it; the gaps are fetched and stored.
   * `signal` ends the fetch when the caller goes away.
   */
  async *pages(
    range: CandleRange,
    signal?: AbortSignal,
    now = Date.now(),
  ): AsyncGenerator<Candle[]> {
    const plan = await this.plan(range, now);
    for (const segment of plan.segments) {
      if (segment.held) yield* this.heldPages(plan, segment);
      else yield* this.fetchGap(plan, segment, signal, now);
    }
  }

  /**
   * Fills the candle history over the range without reading back what it holds already;
   * `progress` hears the slots (candle times) done of the range's total after each page.
   */
  async download(
    range: CandleRange,
    progress: (done: number, total: number) => void,
    now = Date.now(),
  ): Promise<void> {
    const plan = await this.plan(range, now);
    const step = INTERVAL_MS[range.interval];
    const slots = ({ from, to }: Span) => (to - from) / step + 1;
    const total = plan.segments.reduce((sum, segment) => sum + slots(segment), 0);
    let done = 0;
    progress(done, total);
    for (const segment of plan.segments) {
      if (!segment.held) {
        for await (const page of this.fetchGap(plan, segment, undefined, now)) {
          const last = page.at(-1);
          if (last) progress(done + slots({ from: segment.from, to: last.openTime }), total);
        }
      }
      done += slots(segment);
      progress(done, total);
    }
  }

  /** What the history holds of the range's closed candles, and what it lacks. */
  private async plan(range: CandleRange, now: number): Promise<Plan> {
    const series = { venue: this.venue, symbol: range.symbol, interval: range.interval };
    const want = closedSpan(range.interval, range.startTime, range.endTime, now);
    if (!want) return { range, series, segments: [], requests: 0 };
    const held = (await this.history?.spans(series, want.from, want.to)) ?? [];
    return {
      range,
      series,
      segments: segments(want, held, INTERVAL_MS[range.interval]),
      requests: 0,
    };
  }

  private async *heldPages({ range, series }: Plan, span: Span): AsyncGenerator<Candle[]> {
    const step = INTERVAL_MS[range.interval];
    for (let from = span.from; from <= span.to;) {
      const page = await this.history!.read(series, from, span.to, HELD_PAGE);
      if (page.length === 0) return;
      yield page;
      from = page[page.length - 1].openTime + step;
    }
  }

  /** A gap, page by page from the exchange, each page stored as it comes. */
  private async *fetchGap(
    plan: Plan,
    gap: Span,
    signal: AbortSignal | undefined,
    now: number,
  ): AsyncGenerator<Candle[]> {
    const { range } = plan;
    const step = INTERVAL_MS[range.interval];
    for (let from = gap.from; from <= gap.to;) {
      // The first request of a fetch that has nothing yet is refused at once past the share.
      const first = plan.requests++ === 0;
      const rows = await this.call(() =>
        this.api.klines(
          range.symbol,
          range.interval,
          { limit: PAGE, startTime: from, endTime: gap.to },
          { maxWaitMs: first ? 0 : LATER_PAGE_WAIT_MS, signal },
        ),
      );
      // The gap ends at the last candle closed by now (closedSpan), so every row has closed;
      // a short page means the gap holds no more.
      const lastPage = rows.length < PAGE;
      await this.keep(
        plan,
        rows,
        fetchedSpan(gap, from, rows.at(-1)?.openTime, lastPage, step, now),
      );
      yield rows;
      if (plan.requests % PROGRESS_EVERY === 0) {
        this.logger.log(
          `${range.symbol} ${range.interval}: ${plan.requests} pages fetched from the exchange`,
        );
      }
      if (lastPage) break;
      from = rows[rows.length - 1].openTime + step;
    }
  }

  /** Best effort: a history that cannot be written costs a fetch next time, not this one. */
  private async keep({ range, series }: Plan, candles: Candle[], span: Span | undefined) {
    if (!this.history) return;
    try {
      await this.history.store(series, candles, span, INTERVAL_MS[range.interval]);
    } catch (error) {
      this.logger.warn(`could not store candles in the history: ${(error as Error).message}`);
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
