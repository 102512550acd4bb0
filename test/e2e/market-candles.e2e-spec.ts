import {
  type Candle,
  type CandleRow,
  fromCandleRow,
  lastClosedSlot,
} from '../../src/kernel/candle';
import {
  CANDLE_WINDOW,
  MarketDataService,
} from '../../src/exchange/market-data/market-data.service';
import {
  simulatedCandles,
  simulatedSymbolInfo,
} from '../../src/exchange/market-data/simulated-feed';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { testOptions } from '../fake-binance/test-universe';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';
import { type Interval } from '../../src/kernel/interval';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** A past range's start, on an hour. */
const START = Date.UTC(2026, 0, 1);

/** A fresh app on a fresh fake Binance, called by an ordinary user. */
function appOnFakeBinance() {
  const ctx = {} as { fake: FakeBinanceServer; testApp: TestApp; auth: { Authorization: string } };

  beforeAll(async () => {
    ctx.fake = new FakeBinanceServer(testOptions());
    ctx.testApp = await createTestApp({ BINANCE_BASE_URL: await ctx.fake.start() });
    const { http } = ctx.testApp;
    const user = await createUser(http, await adminLogin(http));
    ctx.auth = { Authorization: `Bearer ${user.token}` };
  });

  afterAll(async () => {
    await ctx.testApp.close();
    await ctx.fake.stop();
  });

  return {
    ctx,
    candles: (query: string) => ctx.testApp.http.get(`/api/market/candles?${query}`).set(ctx.auth),
    klinesAsked: () => ctx.fake.requests.filter((r) => r.path === '/api/v3/klines').length,
  };
}

/**
 * The slot the answer was read at: its last candle closed there, and the slot lies between
 * the ones current before and after the request (a candle may close meanwhile).
 */
function slotOf(candles: Candle[], interval: Interval, before: number, after: number): number {
  const slot = candles.at(-1)!.closeTime + 1;
  expect(slot).toBeGreaterThanOrEqual(lastClosedSlot(interval, before));
  expect(slot).toBeLessThanOrEqual(lastClosedSlot(interval, after));
  return slot;
}

describe('GET /api/market/candles', () => {
  const { ctx, candles, klinesAsked } = appOnFakeBinance();

  it('answers the latest closed candles of the exchange, from the window the bots tick on, without asking it again', async () => {
    const before = Date.now();
    const { body } = await candles('symbol=BTCUSDT&interval=1m&limit=5').expect(200);
    const after = Date.now();

    expect(body).toEqual({
      symbol: 'BTCUSDT',
      interval: '1m',
      simulated: false,
      truncated: false,
      candles: expect.any(Array),
    });
    expect(body.candles).toHaveLength(5);
    const slot = slotOf(body.candles, '1m', before, after);
    // The exchange's own klines of those five minutes, field by field, decimals as strings.
    const url = `${ctx.fake.baseURL}/api/v3/klines?symbol=BTCUSDT&interval=1m&endTime=${slot - 1}&limit=5`;
    const rows = (await (await fetch(url)).json()) as CandleRow[];
    expect(body.candles).toEqual(rows.map(fromCandleRow));

    const asked = klinesAsked();
    const market = await ctx.testApp.app
      .get(MarketDataService)
      .closedCandles('BTCUSDT', '1m', slot, true);
    expect(market.candles.slice(-5)).toEqual(body.candles);
    expect(klinesAsked()).toBe(asked);
  });

  it(`answers 200 candles by default and up to ${CANDLE_WINDOW}, consecutive, oldest first`, async () => {
    const byDefault = await candles('symbol=ETHUSDT&interval=1h').expect(200);
    expect(byDefault.body.candles).toHaveLength(200);

    const before = Date.now();
    const most = await candles(`symbol=ETHUSDT&interval=1h&limit=${CANDLE_WINDOW}`).expect(200);
    const all = most.body.candles as Candle[];
    slotOf(all, '1h', before, Date.now());
    expect(all).toHaveLength(CANDLE_WINDOW);
    expect(all.slice(-200)).toEqual(byDefault.body.candles);
    all.forEach((candle, i) => {
      expect(candle.closeTime).toBe(candle.openTime + HOUR - 1);
      if (i > 0) expect(candle.openTime).toBe(all[i - 1].closeTime + 1);
    });
  });

  it('answers 401 without a token or with a bad one, asking the exchange nothing', async () => {
    const asked = klinesAsked();
    const path = '/api/market/candles?symbol=ETHUSDT&interval=5m';
    const anonymous = await ctx.testApp.http.get(path).expect(401);
    expect(anonymous.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    await ctx.testApp.http.get(path).set({ Authorization: 'Bearer not-a-token' }).expect(401);
    expect(klinesAsked()).toBe(asked);
  });

  it.each([
    ['interval=2m&symbol=BTCUSDT', 'interval', /must be one of 1s, 1m, .*, 1d$/],
    ['symbol=BTCUSDT', 'interval', /must be one of/],
    ['interval=1m&symbol=BTCUSDT&limit=0', 'limit', /^must be at least 1$/],
    ['interval=1m&symbol=BTCUSDT&limit=501', 'limit', /^must be at most 500$/],
    ['interval=1m&symbol=BTCUSDT&limit=abc', 'limit', /^must be a whole number$/],
    ['interval=1m&symbol=BTCUSDT&limit=1.5', 'limit', /^must be a whole number$/],
    ['interval=1m&symbol=btcusdt', 'symbol', /upper-case Binance symbol/],
    ['interval=1m', 'symbol', /upper-case Binance symbol/],
    ['interval=1m&symbol=BTCUSDT&from=0', 'from', /should not exist/],
    [
      `interval=1h&symbol=BTCUSDT&startTime=abc&endTime=${START}`,
      'startTime',
      /^must be a whole number of ms since the epoch$/,
    ],
    [
      `interval=1h&symbol=BTCUSDT&startTime=1.5&endTime=${START}`,
      'startTime',
      /^must be a whole number of ms since the epoch$/,
    ],
    [
      `interval=1h&symbol=BTCUSDT&startTime=0&endTime=${START}`,
      'startTime',
      /^must be between 1483228800000 \(2017-01-01\) and a day from now$/,
    ],
    // Seconds for milliseconds: before 2017.
    [
      `interval=1h&symbol=BTCUSDT&startTime=${START / 1000}&endTime=${START}`,
      'startTime',
      /^must be between/,
    ],
    [
      `interval=1h&symbol=BTCUSDT&startTime=${START}&endTime=1e20`,
      'endTime',
      /^must be a whole number/,
    ],
    [
      `interval=1h&symbol=BTCUSDT&startTime=${START}&endTime=${Date.now() + 2 * 24 * HOUR}`,
      'endTime',
      /^must be between/,
    ],
    [`interval=1h&symbol=BTCUSDT&startTime=${START}`, 'endTime', /^is required with startTime$/],
    [`interval=1h&symbol=BTCUSDT&endTime=${START}`, 'startTime', /^is required with endTime$/],
    [
      `interval=1h&symbol=BTCUSDT&startTime=${START}&endTime=${START}`,
      'endTime',
      /^must be after startTime \(1767225600000\)$/,
    ],
    [
      `interval=1h&symbol=BTCUSDT&startTime=${START}&endTime=${START - HOUR}`,
      'endTime',
      /^must be after startTime/,
    ],
    [
      `interval=1h&symbol=BTCUSDT&startTime=${START}&endTime=${START + HOUR}&limit=501`,
      'limit',
      /^must be at most 500$/,
    ],
  ])('answers ?%s 400 naming %s', async (query, field, reason) => {
    const asked = klinesAsked();
    const { body } = await candles(query).expect(400);
    expect(body.errors).toEqual([{ field, reason: expect.stringMatching(reason) }]);
    expect(body.message).toContain(field);
    expect(klinesAsked()).toBe(asked);
  });

  it('answers a symbol the exchange does not list 400 naming symbol', async () => {
    const { body } = await candles('symbol=DOGEUSDT&interval=1m').expect(400);
    expect(body.errors).toEqual([
      { field: 'symbol', reason: 'DOGEUSDT is not listed on the exchange' },
    ]);
  });

  it("GET /api/market/symbol answers the exchange's assets and steps, a symbol not listed 400", async () => {
    const symbol = (query: string) =>
      ctx.testApp.http.get(`/api/market/symbol?${query}`).set(ctx.auth);
    const { body } = await symbol('symbol=BTCUSDT').expect(200);
    expect(body).toEqual({
      symbol: 'BTCUSDT',
      baseAsset: 'BTC',
      quoteAsset: 'USDT',
      // As exchangeInfo writes them.
      tickSize: '0.01000000',
      stepSize: '0.00001000',
    });
    const unlisted = await symbol('symbol=DOGEUSDT').expect(400);
    expect(unlisted.body.errors).toEqual([
      { field: 'symbol', reason: 'DOGEUSDT is not listed on the exchange' },
    ]);
    const invalid = await symbol('symbol=btc').expect(400);
    expect(invalid.body.errors).toEqual([
      { field: 'symbol', reason: expect.stringMatching(/upper-case Binance symbol/) },
    ]);
  });

  it('answers the last closed candles of a range from the exchange, truncated: true when it holds more', async () => {
    // Ten 1h candles: START to START + 9h (an endTime inside the last one still takes it).
    const range = `symbol=BTCUSDT&interval=1h&startTime=${START}&endTime=${START + 9 * HOUR + 1}`;
    const url = `${ctx.fake.baseURL}/api/v3/klines?symbol=BTCUSDT&interval=1h&startTime=${START}&endTime=${START + 9 * HOUR}&limit=1000`;
    const rows = (await (await fetch(url)).json()) as CandleRow[];
    const exchange = rows.map(fromCandleRow);
    expect(exchange.map((candle) => candle.openTime)).toEqual(
      Array.from({ length: 10 }, (_, i) => START + i * HOUR),
    );

    const asked = klinesAsked();
    const all = await candles(`${range}&limit=10`).expect(200);
    expect(all.body).toEqual({
      symbol: 'BTCUSDT',
      interval: '1h',
      simulated: false,
      truncated: false,
      candles: exchange,
    });
    const more = await candles(`${range}&limit=500`).expect(200);
    expect(more.body).toMatchObject({ truncated: false, candles: exchange });

    const last = await candles(`${range}&limit=4`).expect(200);
    expect(last.body).toMatchObject({ truncated: true, candles: exchange.slice(-4) });
    // One request, back from its end; asked again, the range is read from the candle history.
    expect(klinesAsked()).toBe(asked + 1);
  });

  it('answers a range that reaches past now with its closed candles only', async () => {
    const before = Date.now();
    const { body } = await candles(
      `symbol=ETHUSDT&interval=1m&startTime=${before - 10 * MINUTE}&endTime=${before + HOUR}`,
    ).expect(200);
    const all = body.candles as Candle[];
    expect(body.truncated).toBe(false);
    slotOf(all, '1m', before, Date.now());
    expect(all.length).toBeGreaterThanOrEqual(9);
    expect(all[0].openTime).toBeGreaterThanOrEqual(before - 10 * MINUTE);
  });

  it('answers a range of a symbol the exchange does not list 400 naming symbol', async () => {
    const { body } = await candles(
      `symbol=DOGEUSDT&interval=1h&startTime=${START}&endTime=${START + HOUR}`,
    ).expect(400);
    expect(body.errors).toEqual([{ field: 'symbol', reason: 'is not listed on the exchange' }]);
  });

  it('answers 503 with Retry-After while the exchange has not closed the candle yet', async () => {
    // Two minutes behind, the exchange's last 1m candle is still forming. ETHUSDT 1m: no
    // window of this slot is cached by an earlier test.
    ctx.fake.faults.clockSkewMs = -2 * MINUTE;
    try {
      const response = await candles('symbol=ETHUSDT&interval=1m').expect(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.body.message).toMatch(
        /no closed 1m candle for ETHUSDT at .* yet; try again$/,
      );
    } finally {
      ctx.fake.faults.clockSkewMs = 0;
    }
  });
});

describe('GET /api/market/candles while the exchange host answers 503', () => {
  const { ctx, candles, klinesAsked } = appOnFakeBinance();

  beforeAll(() => ctx.fake.faults.add({ times: Infinity, fault: { type: 'status', status: 503 } }));

  it('answers the simulated feed the paper bots tick on, labelled simulated', async () => {
    const before = Date.now();
    const { body } = await candles('symbol=BTCUSDT&interval=1m&limit=3').expect(200);
    const slot = slotOf(body.candles, '1m', before, Date.now());
    expect(body).toEqual({
      symbol: 'BTCUSDT',
      interval: '1m',
      simulated: true,
      truncated: false,
      candles: simulatedCandles('BTCUSDT', '1m', slot, CANDLE_WINDOW).slice(-3),
    });

    // From then on the host is not asked, and any symbol has a simulated feed, as for bots.
    const asked = klinesAsked();
    const unlisted = await candles('symbol=DOGEUSDT&interval=1m&limit=3').expect(200);
    expect(unlisted.body).toMatchObject({ symbol: 'DOGEUSDT', simulated: true });
    expect(unlisted.body.candles).toHaveLength(3);
    expect(klinesAsked()).toBe(asked);

    // The symbol's steps are the simulated pair's, as paper bots trade on them.
    const info = await ctx.testApp.http
      .get('/api/market/symbol?symbol=BTCUSDT')
      .set(ctx.auth)
      .expect(200);
    const { symbol, baseAsset, quoteAsset, filters } = simulatedSymbolInfo('BTCUSDT');
    const { tickSize, stepSize } = filters;
    expect(info.body).toEqual({ symbol, baseAsset, quoteAsset, tickSize, stepSize });
  });

  it('answers a range 503 with Retry-After: a backtest over it fails too, so no simulated stand-in', async () => {
    const response = await candles(
      `symbol=BTCUSDT&interval=1h&startTime=${START}&endTime=${START + HOUR}`,
    ).expect(503);
    expect(response.headers['retry-after']).toBe('30');
    expect(response.body.message).toMatch(
      /^(The exchange cannot be reached \(.*\): upload a CSV file of candles, or use the simulated series \(source "simulated"\), instead\.|could not fetch candles from the exchange: .*)$/,
    );
  });
});
