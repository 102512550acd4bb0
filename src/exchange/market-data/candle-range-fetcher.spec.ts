import { ServiceUnavailableException } from '@nestjs/common';
import { RetryLaterError } from '../../kernel/errors/retry-later.error';
import { InvalidInputError } from '../../kernel/errors/validation.error';
import { type Candle } from '../../kernel/candle';
import { CandleRangeFetcher } from './candle-range-fetcher';
import {
  MarketDataBudgetSpentError,
  MarketHostUnavailableError,
  SymbolNotListedError,
} from './market-data.errors';
import type { MarketDataRequest, PublicMarketApi } from './public-market-api';
import { INTERVAL_MS, type Interval } from '../../kernel/interval';

const MINUTE = INTERVAL_MS['1m'];
const START = Date.UTC(2026, 0, 1);

/**
 * Binance's klines, from the listing on: the first `limit` from startTime when given, else
 * the latest `limit` up to endTime.
 */
class History implements PublicMarketApi {
  readonly source = 'api.example.test';
  readonly requests: { limit: number; startTime?: number; endTime?: number }[] = [];
  readonly priorities: (MarketDataRequest | undefined)[] = [];
  listed = 0;
  failure: Error | null = null;

  constructor(private readonly now: number) {}

  async klines(
    _symbol: string,
    interval: Interval,
    options: { limit: number; startTime?: number; endTime?: number },
    marketData?: MarketDataRequest,
  ): Promise<Candle[]> {
    this.requests.push(options);
    this.priorities.push(marketData);
    if (this.failure) throw this.failure;
    const length = INTERVAL_MS[interval];
    // The forming candle is the latest Binance has.
    let last = Math.floor(Math.min(options.endTime ?? this.now, this.now) / length);
    const from =
      options.startTime === undefined
        ? last - options.limit + 1
        : Math.ceil(options.startTime / length);
    const first = Math.max(Math.ceil(this.listed / length), from);
    last = Math.min(last, first + options.limit - 1);
    const candles: Candle[] = [];
    for (let index = first; index <= last; index++) {
      const openTime = index * length;
      candles.push({
        openTime,
        open: '1',
        high: '1',
        low: '1',
        close: '1',
        volume: '1',
        closeTime: openTime + length - 1,
      });
    }
    return candles;
  }

  async symbolInfo(): Promise<undefined> {
    return undefined;
  }
}

const openTimes = (candles: Candle[]) =>
  candles.map((candle) => (candle.openTime - START) / MINUTE);

describe('CandleRangeFetcher.lastCandles', () => {
  const now = START + 60 * MINUTE + 30_000;
  const range = (from: number, to: number) => ({
    symbol: 'BTCUSDT',
    interval: '1m' as const,
    startTime: START + from * MINUTE,
    endTime: START + to * MINUTE,
  });

  it('answers the range’s last limit candles, truncated only when it holds more', async () => {
    const history = new History(now);
    const fetcher = new CandleRangeFetcher(history);

    const all = await fetcher.lastCandles(range(0, 9), 10, now);
    expect(openTimes(all.candles)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(all.truncated).toBe(false);

    const last = await fetcher.lastCandles(range(0, 9), 9, now);
    expect(openTimes(last.candles)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(last.truncated).toBe(true);
    // One request each (no candle history here), for the window the candles take: one
    // candle over the limit, back from the end, within the range.
    expect(history.requests).toEqual([
      { limit: 1000, startTime: START, endTime: START + 9 * MINUTE },
      { limit: 1000, startTime: START, endTime: START + 9 * MINUTE },
    ]);
    await fetcher.lastCandles(range(0, 9), 4, now);
    expect(history.requests[2]).toEqual({
      limit: 1000,
      startTime: START + 5 * MINUTE,
      endTime: START + 9 * MINUTE,
    });
  });

  it('stops at the last closed candle, so the forming one takes no place', async () => {
    const history = new History(now);
    const { candles, truncated } = await new CandleRangeFetcher(history).lastCandles(
      range(55, 120),
      5,
      now,
    );
    expect(openTimes(candles)).toEqual([55, 56, 57, 58, 59]);
    expect(truncated).toBe(false);
    expect(history.requests[0].endTime).toBe(START + 59 * MINUTE);

    // A range with no closed candle yet asks nothing.
    const later = await new CandleRangeFetcher(history).lastCandles(range(60, 120), 5, now);
    expect(later).toEqual({ candles: [], truncated: false });
    expect(history.requests).toHaveLength(1);
  });

  it('is not truncated by candles before a symbol was listed', async () => {
    const history = new History(now);
    history.listed = START + 7 * MINUTE;
    const { candles, truncated } = await new CandleRangeFetcher(history).lastCandles(
      range(0, 9),
      3,
      now,
    );
    expect(openTimes(candles)).toEqual([7, 8, 9]);
    expect(truncated).toBe(false);
  });

  it('refuses an unlisted symbol as a 400 naming symbol, and an unreachable exchange as a 503', async () => {
    const history = new History(now);
    const fetcher = new CandleRangeFetcher(history);
    history.failure = new SymbolNotListedError('BTCUSDT');
    const unlisted = await fetcher.lastCandles(range(0, 9), 5, now).catch((error) => error);
    expect(unlisted).toBeInstanceOf(InvalidInputError);
    expect((unlisted as InvalidInputError).fieldErrors).toEqual([
      { field: 'symbol', reason: 'is not listed on the exchange' },
    ]);

    history.failure = new MarketHostUnavailableError(
      'api.example.test',
      'getaddrinfo ENOTFOUND api.example.test',
    );
    const down = await fetcher.lastCandles(range(0, 9), 5, now).catch((error) => error);
    expect(down).toBeInstanceOf(ServiceUnavailableException);
    // One sentence: what failed, and the two sources that work without the exchange.
    expect((down as Error).message).toBe(
      'The exchange cannot be reached (api.example.test: getaddrinfo ENOTFOUND ' +
        'api.example.test): upload a CSV file of candles, or use the simulated series ' +
        '(source "simulated"), instead.',
    );
  });
});

describe('CandleRangeFetcher within the share of backtests and charts', () => {
  const now = START + 5000 * MINUTE;
  const range = {
    symbol: 'BTCUSDT',
    interval: '1m' as const,
    startTime: START,
    endTime: START + 2999 * MINUTE,
  };

  it('asks for every candle as market data: a chart at once, a backtest’s later pages patiently', async () => {
    const history = new History(now);
    await new CandleRangeFetcher(history).lastCandles(range, 5, now);
    // Full pages of closed candles from startTime on, as Binance gives them.
    const paged: PublicMarketApi = {
      source: history.source,
      klines: async (_symbol, _interval, { limit, startTime = 0 }, marketData) => {
        history.priorities.push(marketData);
        return Array.from({ length: limit }, (_, index) => ({
          openTime: startTime + index * MINUTE,
          open: '1',
          high: '1',
          low: '1',
          close: '1',
          volume: '1',
          closeTime: startTime + (index + 1) * MINUTE - 1,
        }));
      },
      symbolInfo: async () => undefined,
    };
    const controller = new AbortController();
    let pages = 0;
    for await (const page of new CandleRangeFetcher(paged).pages(range, controller.signal, now)) {
      pages++;
      expect(page).toHaveLength(1000);
    }
    expect(pages).toBe(3);
    expect(history.priorities.map((request) => request?.maxWaitMs)).toEqual([0, 0, 60_000, 60_000]);
    expect(history.priorities.map((request) => request?.signal === controller.signal)).toEqual([
      false,
      true,
      true,
      true,
    ]);
  });

  it('answers 429 with Retry-After when the share is spent', async () => {
    const history = new History(now);
    history.failure = new MarketDataBudgetSpentError(12_300, 'the share is spent');
    const refused = await new CandleRangeFetcher(history)
      .lastCandles(range, 5, now)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RetryLaterError);
    expect((refused as RetryLaterError).getStatus()).toBe(429);
    expect((refused as RetryLaterError).retryAfterSeconds).toBe(13);
    expect((refused as RetryLaterError).message).toBe('the share is spent; retry in 13 s');
  });
});
