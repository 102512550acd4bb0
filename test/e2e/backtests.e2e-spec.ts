import { reportBacktest } from '../../src/backtest/backtest-report';
import { parseCandleRows } from '../../src/backtest/candle-series';
import { runBacktest } from '../../src/backtest/run-backtest';
import { EmaRsiStrategy } from '../../src/strategies/ema-rsi/ema-rsi.strategy';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { testOptions } from '../fake-binance/test-universe';
import { walkRows } from '../factories/candle-rows';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';

const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 1);
const PARAMS = { emaFast: 3, emaSlow: 8, rsiPeriod: 5 };
const RISK = {
  positionSizeQuote: '500',
  stopLossPct: '1',
  takeProfitPct: '2',
  trailingStopPct: '1.5',
  maxDailyTrades: 50,
  dailyLossLimitQuote: '100',
  dailyProfitTargetQuote: '200',
};

describe('POST /api/backtests', () => {
  let exchange: FakeBinanceServer;
  let testApp: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    exchange = new FakeBinanceServer(testOptions());
    exchange.setPricePath('ETHUSDT', (step) => 3000 * (1 + 0.02 * Math.sin(step / 9)), {
      interval: '1m',
      startTime: START,
    });
    testApp = await createTestApp({ BINANCE_BASE_URL: await exchange.start() });
    const user = await createUser(testApp.http, await adminLogin(testApp.http));
    auth = { Authorization: `Bearer ${user.token}` };
  });

  afterAll(async () => {
    await testApp.close();
    await exchange.stop();
  });

  const post = (body: object) => testApp.http.post('/api/backtests').set(auth).send(body);

  it('runs the rules over 500,000 candles sent in the body, the same as the engine offline', async () => {
    const rows = walkRows(START, 500_000);
    const started = Date.now();
    const response = await post({
      strategy: 'ema-rsi',
      strategyParams: PARAMS,
      risk: RISK,
      candles: rows,
    });
    expect(response.status).toBe(200);
    const { trades, metrics, equity } = response.body;
    expect(equity).toHaveLength(500_000);
    expect(trades.length).toBeGreaterThan(1000);
    expect(new Set(trades.map((trade: { reason: string }) => trade.reason))).toEqual(
      new Set(['signal', 'stop_loss', 'take_profit', 'trailing_stop']),
    );

    // The HTTP path must add nothing to the rules: the same run, in process.
    const parsed = parseCandleRows(rows);
    if (!parsed.ok) throw new Error('rows');
    const strategy = new EmaRsiStrategy();
    const direct = reportBacktest(
      runBacktest({
        strategy,
        strategyParams: { ...strategy.defaults, ...PARAMS },
        risk: RISK,
        fill: { feeRate: '0.001', slippageBps: '5' },
        initialBalanceQuote: '10000',
        filters: {},
        candles: parsed.series,
      }),
      parsed.series,
      '10000',
    );
    expect(metrics).toEqual(direct.metrics);
    expect(trades).toEqual(direct.trades);
    expect(equity[499_999]).toEqual(direct.equity[499_999]);
    console.log(`500,000-candle backtest over HTTP: ${Date.now() - started} ms`);
  }, 120_000);

  it('says which row is wrong', async () => {
    const rows = walkRows(START, 100);
    rows[12] = [rows[12][0], '10', '9', '11', '10', '1', rows[12][6]];
    rows[40] = [rows[40][0], 'NaN', '1', '1', '1', '1', rows[40][6]];
    const response = await post({ strategy: 'ema-rsi', risk: RISK, candles: rows }).expect(400);
    expect(response.body.errors).toEqual([
      { field: 'candles[12]', reason: 'high 9 is below low 11' },
      {
        field: 'candles[40]',
        reason: 'open must be a positive decimal (number or string), got "NaN"',
      },
    ]);

    const unsorted = walkRows(START, 100);
    [unsorted[5], unsorted[6]] = [unsorted[6], unsorted[5]];
    const sortError = await post({ strategy: 'ema-rsi', risk: RISK, candles: unsorted }).expect(
      400,
    );
    expect(sortError.body.errors[0].field).toBe('candles[6]');
    expect(sortError.body.errors[0].reason).toContain('sorted oldest first');
  });

  it('refuses too few candles, a bad strategy, bad risk and a mixed or half source', async () => {
    const few = await post({
      strategy: 'ema-rsi',
      risk: RISK,
      candles: walkRows(START, 20),
    }).expect(400);
    expect(few.body.errors).toEqual([
      {
        field: 'candles',
        reason: 'too few: ema-rsi with these params needs at least 27 candles, got 20',
      },
    ]);
    const unknown = await post({
      strategy: 'nope',
      risk: RISK,
      candles: walkRows(START, 50),
    }).expect(400);
    expect(unknown.body.errors[0].field).toBe('strategy');
    const params = await post({
      strategy: 'ema-rsi',
      strategyParams: { emaFast: 30 },
      risk: RISK,
      candles: walkRows(START, 50),
    }).expect(400);
    expect(params.body.errors[0].field).toBe('strategyParams.emaFast');
    const risk = await post({
      strategy: 'ema-rsi',
      risk: { positionSizeQuote: '-1' },
      candles: walkRows(START, 50),
    }).expect(400);
    expect(risk.body.errors[0].field).toBe('risk.positionSizeQuote');
    const both = await post({
      strategy: 'ema-rsi',
      risk: RISK,
      candles: walkRows(START, 50),
      symbol: 'BTCUSDT',
    }).expect(400);
    expect(both.body.errors[0].field).toBe('candles');
    const half = await post({
      strategy: 'ema-rsi',
      risk: RISK,
      symbol: 'BTCUSDT',
      interval: '1m',
    }).expect(400);
    expect(half.body.errors.map((error: { field: string }) => error.field)).toEqual([
      'startTime',
      'endTime',
    ]);
    const notArray = await post({ strategy: 'ema-rsi', risk: RISK, candles: 'x' }).expect(400);
    expect(notArray.body.errors[0]).toEqual({
      field: 'candles',
      reason: 'must be an array of candle rows',
    });
    await testApp.http.post('/api/backtests').send({}).expect(401);
  });

  it('fetches a symbol range page by page, with the symbol’s filters, as if its candles were sent', async () => {
    const startTime = START;
    const endTime = START + 2_499 * MINUTE;
    exchange.requests.length = 0;
    const fetched = await post({
      strategy: 'ema-rsi',
      strategyParams: PARAMS,
      risk: RISK,
      symbol: 'ETHUSDT',
      interval: '1m',
      startTime,
      endTime,
    }).expect(200);
    const klineRequests = exchange.requests.filter((request) => request.path === '/api/v3/klines');
    expect(klineRequests).toHaveLength(3);
    expect(fetched.body.equity).toHaveLength(2_500);
    expect(fetched.body.equity[0].time).toBe(startTime + MINUTE - 1);
    expect(fetched.body.trades.length).toBeGreaterThan(10);

    const rows: unknown[][] = [];
    for (let from = startTime; from <= endTime; from += 1000 * MINUTE) {
      const page = await fetch(
        `${exchange.baseURL}/api/v3/klines?symbol=ETHUSDT&interval=1m&limit=1000&startTime=${from}&endTime=${endTime}`,
      );
      rows.push(...((await page.json()) as unknown[][]));
    }
    const given = await post({
      strategy: 'ema-rsi',
      strategyParams: PARAMS,
      risk: RISK,
      filters: { stepSize: '0.0001', minQty: '0.0001', minNotional: '5' },
      candles: rows,
    }).expect(200);
    expect(given.body).toEqual(fetched.body);
  });

  it('answers 400 for an unlisted symbol and 503 when the exchange is down', async () => {
    const range = { startTime: START, endTime: START + 100 * MINUTE, interval: '1m' };
    const unlisted = await post({
      strategy: 'ema-rsi',
      risk: RISK,
      symbol: 'NOPEUSDT',
      ...range,
    }).expect(400);
    expect(unlisted.body.errors).toEqual([
      { field: 'symbol', reason: 'is not listed on the exchange' },
    ]);
    const tooLong = await post({
      strategy: 'ema-rsi',
      risk: RISK,
      symbol: 'ETHUSDT',
      interval: '1s',
      startTime: START,
      endTime: START + 2_000_000_000,
    }).expect(400);
    expect(tooLong.body.errors[0].field).toBe('endTime');

    // Out-of-range times are the caller's mistake, told before the exchange is asked.
    for (const [times, field] of [
      [{ startTime: 1e20 }, 'startTime'],
      [{ startTime: 0 }, 'startTime'],
      [{ startTime: START / 1000 }, 'startTime'],
      [{ endTime: Date.now() + 2 * 24 * 3_600_000 }, 'endTime'],
      [{ endTime: 1.5 }, 'endTime'],
      [{ startTime: null }, 'startTime'],
    ] as const) {
      const refused = await post({
        strategy: 'ema-rsi',
        risk: RISK,
        symbol: 'ETHUSDT',
        ...range,
        ...times,
      }).expect(400);
      expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
    }

    await exchange.stop();
    try {
      const down = await post({
        strategy: 'ema-rsi',
        risk: RISK,
        symbol: 'ETHUSDT',
        ...range,
      }).expect(503);
      expect(down.body.message).toContain('could not fetch candles from the exchange');
    } finally {
      await exchange.start(Number(new URL(exchange.baseURL).port));
    }
  });
});
