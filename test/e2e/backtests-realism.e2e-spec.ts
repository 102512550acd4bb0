import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { testOptions } from '../fake-binance/test-universe';
import { walkRows } from '../factories/candle-rows';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';

const START = Date.UTC(2026, 0, 1);
const PARAMS = { emaFast: 3, emaSlow: 8, rsiPeriod: 5 };
const RISK = { positionSizeQuote: '500', stopLossPct: '1' };

interface Report {
  filters: Record<string, string>;
  trades: { time: number; side: string; price: string; qty: string }[];
}

/** Digits after the point, trailing zeros dropped as the report prints them. */
const decimals = (value: string) => value.split('.')[1]?.length ?? 0;

describe('POST /api/backtests: filters of a named symbol, and execution', () => {
  let exchange: FakeBinanceServer;
  let testApp: TestApp;
  let auth: { Authorization: string };
  const rows = walkRows(START, 2000);

  beforeAll(async () => {
    exchange = new FakeBinanceServer(testOptions());
    testApp = await createTestApp({ BINANCE_BASE_URL: await exchange.start() });
    const user = await createUser(testApp.http, await adminLogin(testApp.http));
    auth = { Authorization: `Bearer ${user.token}` };
  });

  afterAll(async () => {
    await testApp.close();
    await exchange.stop();
  });

  const post = (body: object) => testApp.http.post('/api/backtests').set(auth).send(body);
  const backtest = async (body: object): Promise<Report> =>
    (await post({ strategy: 'ema-rsi', strategyParams: PARAMS, risk: RISK, ...body }).expect(200))
      .body as Report;

  it('sizes candles without filters by 8 decimals, and by the named symbol’s own filters', async () => {
    const plain = await backtest({ candles: rows });
    expect(plain.filters).toEqual({ source: 'default', stepSize: '0.00000001' });
    expect(plain.trades.length).toBeGreaterThan(10);
    expect(Math.max(...plain.trades.map((trade) => decimals(trade.qty)))).toBeGreaterThan(4);
    expect(Math.max(...plain.trades.map((trade) => decimals(trade.qty)))).toBeLessThanOrEqual(8);

    const named = await backtest({ candles: rows, symbol: 'ETHUSDT' });
    // As the exchange writes them.
    expect(named.filters).toMatchObject({
      source: 'exchange',
      stepSize: '0.00010000',
      minNotional: '5.00000000',
    });
    expect(Math.max(...named.trades.map((trade) => decimals(trade.qty)))).toBeLessThanOrEqual(4);

    // Given filters win over the symbol's.
    const given = await backtest({
      candles: rows,
      symbol: 'ETHUSDT',
      filters: { stepSize: '0.1' },
    });
    expect(given.filters).toEqual({ source: 'request', stepSize: '0.1' });
  });

  it('refuses an unlisted symbol, and candles with a range', async () => {
    const unlisted = await post({
      strategy: 'ema-rsi',
      risk: RISK,
      candles: rows,
      symbol: 'NOPEUSDT',
    });
    expect(unlisted.status).toBe(400);
    expect(unlisted.body.errors).toEqual([
      { field: 'symbol', reason: 'is not listed on the exchange' },
    ]);
    const ranged = await post({ strategy: 'ema-rsi', risk: RISK, candles: rows, interval: '1m' });
    expect(ranged.status).toBe(400);
    expect(ranged.body.errors[0].field).toBe('candles');
  });

  it('fills at the next open after the latency when asked, and checks the knobs', async () => {
    const now = await backtest({ candles: rows, filters: {} });
    const later = await backtest({
      candles: rows,
      filters: {},
      execution: { latencyCandles: 1, fillAt: 'next-open' },
    });
    const signals = now.trades.filter((trade) => trade.side === 'BUY');
    const delayed = later.trades.filter((trade) => trade.side === 'BUY');
    // The first buy signal fills two candles later, at that candle's open slipped 5 bps.
    const signal = rows.findIndex((row) => row[6] === signals[0].time);
    const fill = rows[signal + 2];
    expect(delayed[0].time).toBe(fill[6]);
    expect(Number(delayed[0].price)).toBeCloseTo(Number(fill[1]) * 1.0005, 8);

    for (const [execution, field] of [
      [{ latencyCandles: 101 }, 'execution.latencyCandles'],
      [{ latencyCandles: 1.5 }, 'execution.latencyCandles'],
      [{ fillAt: 'vwap' }, 'execution.fillAt'],
      [[], 'execution'],
    ] as const) {
      const refused = await post({ strategy: 'ema-rsi', risk: RISK, candles: rows, execution });
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
    }
  });

  it('runs candles naming a symbol on the defaults when the exchange cannot be reached, and says so', async () => {
    await exchange.stop();
    const report = await backtest({ candles: rows, symbol: 'BTCUSDT' });
    expect(report.filters).toMatchObject({ source: 'default', stepSize: '0.00000001' });
    expect(report.filters.note).toMatch(
      /^BTCUSDT's filters could not be had \(.+\): the defaults were used$/,
    );
    expect(report.trades.length).toBeGreaterThan(10);
  }, 60_000);
});
