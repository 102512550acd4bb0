import type { Candle } from '../../kernel/candle';
import { INTERVAL_MS, type Interval } from '../../kernel/interval';
import type { CandleSeries, HeldSpan } from '../../database/repositories/candle-history.repository';
import { SETTLE_MS } from './candle-history-spans';
import { type CandleHistoryStore, CandleRangeFetcher } from './candle-range-fetcher';
import type { PublicMarketApi } from './public-market-api';

const MINUTE = INTERVAL_MS['1m'];
const T = Date.UTC(2026, 0, 1);

/** Binance's klines in [startTime, endTime], the forming candle included, minus `missing`. */
class Exchange implements PublicMarketApi {
  readonly source = 'api.example.test';
  readonly asked: { startTime?: number; endTime?: number }[] = [];
  missing: HeldSpan | undefined;

  constructor(private readonly now: number) {}

  async klines(
    _symbol: string,
    interval: Interval,
    {
      limit,
      startTime = 0,
      endTime = Infinity,
    }: { limit: number; startTime?: number; endTime?: number },
  ): Promise<Candle[]> {
    this.asked.push({ startTime, endTime });
    const step = INTERVAL_MS[interval];
    const candles: Candle[] = [];
    for (
      let open = Math.ceil(startTime / step) * step;
      open <= endTime && open <= this.now;
      open += step
    ) {
      if (this.missing && open >= this.missing.from && open <= this.missing.to) continue;
      candles.push(candle(open, step));
      if (candles.length === limit) break;
    }
    return candles;
  }

  async symbolInfo(): Promise<undefined> {
    return undefined;
  }
}

function candle(openTime: number, step: number): Candle {
  const price = (1000 + openTime / step).toFixed(8);
  return {
    openTime,
    open: price,
    high: price,
    low: price,
    close: price,
    volume: '1.50000000',
    closeTime: openTime + step - 1,
  };
}

/** The repository's contract over memory. */
class MemoryHistory implements CandleHistoryStore {
  readonly candles = new Map<number, Candle>();
  held: HeldSpan[] = [];
  failing = false;

  async spans(_series: CandleSeries, from: number, to: number): Promise<HeldSpan[]> {
    return this.held
      .filter((span) => span.from <= to && span.to >= from)
      .sort((a, b) => a.from - b.from);
  }

  async read(_series: CandleSeries, from: number, to: number, limit: number): Promise<Candle[]> {
    return [...this.candles.values()]
      .filter((c) => c.openTime >= from && c.openTime <= to)
      .sort((a, b) => a.openTime - b.openTime)
      .slice(0, limit);
  }

  async store(
    _series: CandleSeries,
    candles: readonly Candle[],
    span: HeldSpan | undefined,
    step: number,
  ) {
    if (this.failing) throw new Error('the database is down');
    for (const c of candles) this.candles.set(c.openTime, c);
    if (!span) return;
    const touching = this.held.filter((h) => h.from <= span.to + step && h.to >= span.from - step);
    this.held = [
      ...this.held.filter((h) => !touching.includes(h)),
      {
        from: Math.min(span.from, ...touching.map((h) => h.from)),
        to: Math.max(span.to, ...touching.map((h) => h.to)),
      },
    ];
  }
}

async function all(pages: AsyncGenerator<Candle[]>): Promise<Candle[]> {
  const candles: Candle[] = [];
  for await (const page of pages) candles.push(...page);
  return candles;
}

const range = (startTime: number, endTime: number) => ({
  symbol: 'BTCUSDT',
  interval: '1m' as const,
  startTime,
  endTime,
});

describe('CandleRangeFetcher.pages through the candle history', () => {
  const now = T + 5000 * MINUTE + 30_000;

  it('fetches a range once: the second time it is read from the history, the same candles', async () => {
    const exchange = new Exchange(now);
    const history = new MemoryHistory();
    const fetcher = new CandleRangeFetcher(exchange, undefined, history);
    const first = await all(fetcher.pages(range(T, T + 2499 * MINUTE), undefined, now));
    expect(first).toHaveLength(2500);
    expect(exchange.asked).toHaveLength(3);
    expect(history.held).toEqual([{ from: T, to: T + 2499 * MINUTE }]);

    const again = await all(fetcher.pages(range(T, T + 2499 * MINUTE), undefined, now));
    expect(exchange.asked).toHaveLength(3);
    expect(again).toEqual(first);
  });

  it('fetches only the gaps of a range partly held, and yields it whole, in order', async () => {
    const exchange = new Exchange(now);
    const history = new MemoryHistory();
    const fetcher = new CandleRangeFetcher(exchange, undefined, history);
    await all(fetcher.pages(range(T + 100 * MINUTE, T + 199 * MINUTE), undefined, now));
    exchange.asked.length = 0;

    const candles = await all(fetcher.pages(range(T, T + 299 * MINUTE), undefined, now));
    expect(exchange.asked).toEqual([
      { startTime: T, endTime: T + 99 * MINUTE },
      { startTime: T + 200 * MINUTE, endTime: T + 299 * MINUTE },
    ]);
    expect(candles.map((c) => c.openTime)).toEqual(
      Array.from({ length: 300 }, (_, i) => T + i * MINUTE),
    );
    expect(history.held).toEqual([{ from: T, to: T + 299 * MINUTE }]);
  });

  it('never stores, nor asks past, the candle still forming', async () => {
    const exchange = new Exchange(now);
    const history = new MemoryHistory();
    const fetcher = new CandleRangeFetcher(exchange, undefined, history);
    const candles = await all(
      fetcher.pages(range(now - 10 * MINUTE, now + 60 * MINUTE), undefined, now),
    );
    const lastClosed = T + 4999 * MINUTE;
    expect(candles.at(-1)!.openTime).toBe(lastClosed);
    expect(Math.max(...history.candles.keys())).toBe(lastClosed);
    expect(exchange.asked.at(-1)!.endTime).toBe(lastClosed);
  });

  it('holds a settled range the exchange lacks (maintenance) and does not ask for it again', async () => {
    const exchange = new Exchange(now);
    exchange.missing = { from: T + 40 * MINUTE, to: T + 59 * MINUTE };
    const history = new MemoryHistory();
    const fetcher = new CandleRangeFetcher(exchange, undefined, history);
    const first = await all(fetcher.pages(range(T, T + 59 * MINUTE), undefined, now));
    expect(first).toHaveLength(40);
    expect(history.held).toEqual([{ from: T, to: T + 59 * MINUTE }]);
    const again = await all(fetcher.pages(range(T, T + 59 * MINUTE), undefined, now));
    expect(again).toEqual(first);
    expect(exchange.asked).toHaveLength(1);
  });

  it('asks again for a recent end the exchange has not sent yet', async () => {
    const recent = T + 60 * MINUTE + SETTLE_MS / 2;
    const exchange = new Exchange(recent);
    exchange.missing = { from: T + 59 * MINUTE, to: T + 59 * MINUTE };
    const history = new MemoryHistory();
    const fetcher = new CandleRangeFetcher(exchange, undefined, history);
    await all(fetcher.pages(range(T, T + 59 * MINUTE), undefined, recent));
    expect(history.held).toEqual([{ from: T, to: T + 58 * MINUTE }]);
    exchange.missing = undefined;
    const later = await all(fetcher.pages(range(T, T + 59 * MINUTE), undefined, recent));
    expect(later).toHaveLength(60);
    expect(exchange.asked.at(-1)).toEqual({ startTime: T + 59 * MINUTE, endTime: T + 59 * MINUTE });
  });

  it('still answers from the exchange when the history cannot be written', async () => {
    const exchange = new Exchange(now);
    const history = new MemoryHistory();
    history.failing = true;
    const fetcher = new CandleRangeFetcher(exchange, undefined, history);
    expect(await all(fetcher.pages(range(T, T + 9 * MINUTE), undefined, now))).toHaveLength(10);
  });

  it('downloads only the gaps, reporting slots done of the total', async () => {
    const exchange = new Exchange(now);
    const history = new MemoryHistory();
    const fetcher = new CandleRangeFetcher(exchange, undefined, history);
    await all(fetcher.pages(range(T, T + 999 * MINUTE), undefined, now));
    exchange.asked.length = 0;
    const progress: [number, number][] = [];
    await fetcher.download(
      range(T, T + 2999 * MINUTE),
      (done, total) => progress.push([done, total]),
      now,
    );
    expect(exchange.asked).toEqual([
      { startTime: T + 1000 * MINUTE, endTime: T + 2999 * MINUTE },
      { startTime: T + 2000 * MINUTE, endTime: T + 2999 * MINUTE },
    ]);
    expect(progress).toEqual([
      [0, 3000],
      [1000, 3000],
      [2000, 3000],
      [3000, 3000],
      [3000, 3000],
    ]);
    expect(history.candles.size).toBe(3000);
  });
});
