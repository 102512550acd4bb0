import { join } from 'node:path';
import { STRATEGY_SOURCES } from '../../src/strategies/strategies.constants';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { testOptions } from '../fake-binance/test-universe';
import { walkRows } from '../factories/candle-rows';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';

// Jest runs from the project root (ESM tests have no __dirname).
const FIXTURES = join(process.cwd(), 'test', 'fixtures');
const START = Date.UTC(2026, 0, 1);

describe('POST /api/backtests/lookahead', () => {
  let exchange: FakeBinanceServer;
  let testApp: TestApp;
  let auth: { Authorization: string };
  const rows = walkRows(START, 3000);

  beforeAll(async () => {
    exchange = new FakeBinanceServer(testOptions());
    testApp = await createTestApp(
      { BINANCE_BASE_URL: await exchange.start() },
      {
        override: (builder) =>
          builder.overrideProvider(STRATEGY_SOURCES).useValue({
            classModules: [join(FIXTURES, 'peeking.strategy.ts')],
            files: [],
            timeBudgetMs: 1000,
          }),
      },
    );
    const user = await createUser(testApp.http, await adminLogin(testApp.http));
    auth = { Authorization: `Bearer ${user.token}` };
  });

  afterAll(async () => {
    await testApp.close();
    await exchange.stop();
  });

  const check = (body: object) =>
    testApp.http.post('/api/backtests/lookahead').set(auth).send(body);

  it('catches a strategy that reads the next candle, with where and what changed', async () => {
    const response = await check({
      strategy: 'peeking',
      risk: { positionSizeQuote: '100' },
      candles: rows,
    });
    expect(response.status).toBe(200);
    const report = response.body;
    expect(report).toMatchObject({ candles: 3000, lookahead: true });
    expect(report.prefixes).toHaveLength(50);
    expect(report.changedSignals).toBeGreaterThan(10);
    const [first] = report.changes;
    expect(first).toEqual({
      index: first.prefixLength - 1,
      time: rows[first.index][6],
      full: expect.stringMatching(/^(buy|sell)$/),
      prefix: 'none',
      prefixLength: first.prefixLength,
    });
  });

  it('passes every built-in, on a thread as a backtest runs, and checks the body as a backtest', async () => {
    const { body: strategies } = await testApp.http.get('/api/strategies').set(auth).expect(200);
    const builtIns = (strategies as { key: string; source: string }[]).filter(
      (strategy) => strategy.source === 'built-in' && strategy.key !== 'peeking',
    );
    expect(builtIns.length).toBeGreaterThan(4);
    for (const { key } of builtIns) {
      const response = await check({
        strategy: key,
        risk: { positionSizeQuote: '100' },
        candles: rows,
      });
      expect([key, response.status, response.body.lookahead]).toEqual([key, 200, false]);
    }
    const bad = await check({
      strategy: 'nope',
      risk: { positionSizeQuote: '100' },
      candles: rows,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('strategy');
    await testApp.http.post('/api/backtests/lookahead').send({}).expect(401);
  }, 60_000);
});
