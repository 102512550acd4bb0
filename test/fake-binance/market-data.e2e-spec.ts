import type { Spot } from '@binance/connector';
import { rejection, spotClient } from './connector-client';
import { createDefaultServer } from './default-universe';
import { FakeBinanceServer } from './fake-binance-server';
import { ManualClock } from './manual-clock';
import { testOptions } from './test-universe';

const MINUTE = 60_000;
// 30 s into a minute, so the 1m candle of "now" is half formed.
const T = Date.UTC(2025, 0, 6, 12, 0, 30);
const CURRENT_MINUTE = T - 30_000;

type Row = (string | number)[];

describe('fake Binance market data through @binance/connector', () => {
  let clock: ManualClock;
  let server: FakeBinanceServer;
  let spot: Spot;

  beforeEach(async () => {
    clock = new ManualClock(T);
    server = new FakeBinanceServer(testOptions({ now: clock.now }));
    spot = spotClient(await server.start());
  });

  afterEach(() => server.stop());

  const klines = async (interval: string, options: Parameters<Spot['klines']>[2] = {}) =>
    (await spot.klines('BTCUSDT', interval, options)).data as Row[];

  it('answers the server time from its clock', async () => {
    expect((await spot.time()).data).toEqual({ serverTime: T });
    clock.advance(1234);
    expect((await spot.time()).data).toEqual({ serverTime: T + 1234 });
  });

  it('lists symbols with their filters as decimal strings', async () => {
    const info = (await spot.exchangeInfo({ symbol: 'BTCUSDT' })).data as {
      serverTime: number;
      rateLimits: unknown[];
      symbols: { symbol: string; status: string; filters: unknown[] }[];
    };
    expect(info.serverTime).toBe(T);
    expect(info.rateLimits).toEqual([
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
    ]);
    expect(info.symbols).toHaveLength(1);
    expect(info.symbols[0]).toMatchObject({
      symbol: 'BTCUSDT',
      status: 'TRADING',
      baseAsset: 'BTC',
      quoteAsset: 'USDT',
      orderTypes: ['MARKET'],
      quoteOrderQtyMarketAllowed: true,
    });
    expect(info.symbols[0].filters).toEqual([
      {
        filterType: 'PRICE_FILTER',
        minPrice: '0.01000000',
        maxPrice: '1000000.00000000',
        tickSize: '0.01000000',
      },
      {
        filterType: 'LOT_SIZE',
        minQty: '0.00001000',
        maxQty: '9000.00000000',
        stepSize: '0.00001000',
      },
      {
        filterType: 'MARKET_LOT_SIZE',
        minQty: '0.00000000',
        maxQty: '9000.00000000',
        stepSize: '0.00000000',
      },
      {
        filterType: 'NOTIONAL',
        minNotional: '5.00000000',
        applyMinToMarket: true,
        maxNotional: '9000000.00000000',
        applyMaxToMarket: false,
        avgPriceMins: 0,
      },
    ]);

    const eth = (await spot.exchangeInfo({ symbols: ['ETHUSDT'] })).data as typeof info;
    expect(eth.symbols.map((s) => s.symbol)).toEqual(['ETHUSDT']);
    expect(eth.symbols[0].filters).toContainEqual({
      filterType: 'MIN_NOTIONAL',
      minNotional: '5.00000000',
      applyToMarket: true,
      avgPriceMins: 0,
    });
    const all = (await spot.exchangeInfo()).data as typeof info;
    expect(all.symbols.map((s) => s.symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);

    const unknown = await rejection(spot.exchangeInfo({ symbol: 'NOPEUSDT' }));
    expect(unknown).toMatchObject({ status: 400, code: -1121, msg: 'Invalid symbol.' });
  });

  it('serves klines with all 12 fields typed as Binance types them, the forming candle last', async () => {
    server.setPricePath('BTCUSDT', [100, 101, 102, 103], { interval: '1m', wick: 0 });
    const rows = await klines('1m', { limit: 10 });

    // The list is the history up to now: nothing before its first price.
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r[0])).toEqual([3, 2, 1, 0].map((n) => CURRENT_MINUTE - n * MINUTE));
    expect(rows.map((r) => r[4])).toEqual([
      '100.00000000',
      '101.00000000',
      '102.00000000',
      '103.00000000',
    ]);
    // Each candle opens at the previous close.
    expect(rows.map((r) => r[1])).toEqual([
      '100.00000000',
      '100.00000000',
      '101.00000000',
      '102.00000000',
    ]);
    for (const row of rows) {
      expect(row).toHaveLength(12);
      expect(row.map((field) => typeof field)).toEqual([
        'number',
        'string',
        'string',
        'string',
        'string',
        'string',
        'number',
        'string',
        'number',
        'string',
        'string',
        'string',
      ]);
      expect(row[6]).toBe((row[0] as number) + MINUTE - 1);
      expect(row[2]).toBe(row[4]);
      expect(row[3]).toBe(row[1]);
      expect(Number(row[5])).toBeGreaterThan(0);
      expect(row[11]).toBe('0');
    }
    const forming = rows[3];
    expect(forming[0]).toBeLessThanOrEqual(T);
    expect(forming[6]).toBeGreaterThan(T);
  });

  it('keeps the forming candle moving with the clock and closes it at its end', async () => {
    server.setPricePath('BTCUSDT', (i) => 100 + i, { interval: '1m' });
    let [previous, forming] = await klines('1m', { limit: 2 });
    expect([previous[4], forming[4]]).toEqual(['99.00000000', '100.00000000']);
    expect((await spot.tickerPrice('BTCUSDT')).data).toEqual({
      symbol: 'BTCUSDT',
      price: '100.00000000',
    });
    const volumeSoFar = Number(forming[5]);

    clock.advance(20_000);
    [, forming] = await klines('1m', { limit: 2 });
    expect(Number(forming[5])).toBeGreaterThan(volumeSoFar);

    clock.advance(MINUTE);
    [previous, forming] = await klines('1m', { limit: 2 });
    expect(previous[0]).toBe(CURRENT_MINUTE);
    expect(previous[4]).toBe('100.00000000');
    expect(previous[6]).toBeLessThan(clock.now());
    expect(forming[4]).toBe('101.00000000');
    expect((await spot.tickerPrice('BTCUSDT')).data).toEqual({
      symbol: 'BTCUSDT',
      price: '101.00000000',
    });
  });

  it('applies limit, startTime and endTime as Binance does', async () => {
    server.setPricePath('BTCUSDT', (i) => 100 + i);
    expect(await klines('1m')).toHaveLength(500);
    expect(await klines('1m', { limit: 5000 })).toHaveLength(1000);

    const tenAgo = CURRENT_MINUTE - 10 * MINUTE;
    const fromStart = await klines('1m', { startTime: tenAgo, limit: 3 });
    expect(fromStart.map((r) => r[0])).toEqual([tenAgo, tenAgo + MINUTE, tenAgo + 2 * MINUTE]);
    expect((await klines('1m', { startTime: tenAgo + 1, limit: 1 }))[0][0]).toBe(tenAgo + MINUTE);

    const toEnd = await klines('1m', { endTime: tenAgo, limit: 3 });
    expect(toEnd.map((r) => r[0])).toEqual([tenAgo - 2 * MINUTE, tenAgo - MINUTE, tenAgo]);

    const between = await klines('1m', { startTime: tenAgo, endTime: tenAgo + 4 * MINUTE });
    expect(between).toHaveLength(5);
    expect(await klines('1m', { startTime: T + MINUTE })).toEqual([]);
    // startTime alone runs up to the forming candle and no further.
    expect((await klines('1m', { startTime: tenAgo })).at(-1)?.[0]).toBe(CURRENT_MINUTE);
  });

  it('aggregates a path into longer intervals', async () => {
    // 1m closes 1..10, the last one forming now (12:00); 5m candles: 11:50, 11:55, 12:00.
    server.setPricePath('BTCUSDT', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { interval: '1m', wick: 0 });
    const rows = await klines('5m');
    expect(rows.map((r) => r[0])).toEqual([
      CURRENT_MINUTE - 10 * MINUTE,
      CURRENT_MINUTE - 5 * MINUTE,
      CURRENT_MINUTE,
    ]);
    expect(rows.map((r) => [r[1], r[2], r[3], r[4]].map(Number))).toEqual([
      [1, 4, 1, 4],
      [4, 9, 4, 9],
      [9, 10, 9, 10],
    ]);
  });

  it('widens wicks beyond open and close', async () => {
    server.setPricePath('BTCUSDT', [100, 110], { wick: 0.01 });
    const [, last] = await klines('1m');
    expect(last.slice(1, 5)).toEqual([
      '100.00000000',
      '111.10000000',
      '99.00000000',
      '110.00000000',
    ]);
  });

  it('prices tickers at the forming candle close, one or all symbols', async () => {
    server.setPricePath('BTCUSDT', [42000.123]);
    expect((await spot.tickerPrice('BTCUSDT')).data).toEqual({
      symbol: 'BTCUSDT',
      price: '42000.12000000',
    });
    expect((await spot.tickerPrice()).data).toEqual([
      { symbol: 'BTCUSDT', price: '42000.12000000' },
      { symbol: 'ETHUSDT', price: '2000.00000000' },
    ]);
    expect(await rejection(spot.tickerPrice('NOPE'))).toMatchObject({ status: 400, code: -1121 });
  });

  it('rejects malformed market data requests with Binance codes', async () => {
    expect(await rejection(spot.klines('BTCUSDT', '2m'))).toMatchObject({
      status: 400,
      code: -1120,
      msg: 'Invalid interval.',
    });
    expect(await rejection(spot.klines('NOPEUSDT', '1m'))).toMatchObject({
      status: 400,
      code: -1121,
    });
    expect(await rejection(spot.klines('BTCUSDT', '1m', { limit: -5 }))).toMatchObject({
      status: 400,
      code: -1100,
    });
    // The connector refuses to send a klines call without a symbol, so ask directly.
    const response = await fetch(`${server.baseURL}/api/v3/klines?interval=1m`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: -1102,
      msg: "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.",
    });
  });

  it('gives the CLI universe the same market for the same seed', async () => {
    const history = async (seed: number) => {
      const cli = createDefaultServer(seed, clock.now);
      try {
        const client = spotClient(await cli.start());
        return (await client.klines('ETHUSDT', '1h', { limit: 48 })).data as Row[];
      } finally {
        await cli.stop();
      }
    };
    const first = await history(7);
    expect(first).toHaveLength(48);
    expect(first.at(-1)?.[4]).toBe('3200.00000000');
    expect(new Set(first.map((row) => row[4])).size).toBeGreaterThan(40);
    expect(await history(7)).toEqual(first);
    expect(await history(8)).not.toEqual(first);
  });
});
