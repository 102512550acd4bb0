import { join } from 'node:path';
import { reportBacktest } from '../../src/backtest/backtest-report';
import { parseCandleRows } from '../../src/backtest/candle-series';
import { runBacktest } from '../../src/backtest/run-backtest';
import { BotState } from '../../src/database/entities/bot-state.entity';
import { RiskRules } from '../../src/risk/risk-rules';
import { RISK_RULES_SOURCE } from '../../src/risk/risk-rules-source';
import { EmaRsiStrategy } from '../../src/strategies/ema-rsi/ema-rsi.strategy';
import { STRATEGY_SOURCES } from '../../src/strategies/strategies.constants';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { testOptions } from '../fake-binance/test-universe';
import { walkRows } from '../factories/candle-rows';
import { startWaveBot, wave } from '../factories/wave-bot';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';
import { waitFor } from '../utils/wait-for';

// Jest runs from the project root (ESM tests have no __dirname).
const FIXTURES = join(process.cwd(), 'test', 'fixtures');
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
const FILTERS = { stepSize: '0.00001', minQty: '0.00001', minNotional: '5' };

describe('Strategy and risk-rules sources', () => {
  let exchange: FakeBinanceServer;
  let testApp: TestApp;
  let user: { id: string; token: string };

  beforeAll(async () => {
    exchange = new FakeBinanceServer(testOptions());
    exchange.setPricePath('BTCUSDT', wave, { interval: '1s' });
    testApp = await createTestApp(
      { BINANCE_BASE_URL: await exchange.start(), CRON_ENABLED: 'true' },
      {
        override: (builder) =>
          builder
            .overrideProvider(STRATEGY_SOURCES)
            .useValue({
              classModules: [join(FIXTURES, 'ema-rsi-copy.strategy.ts')],
              files: [],
              timeBudgetMs: 1000,
            })
            .overrideProvider(RISK_RULES_SOURCE)
            .useValue(join(FIXTURES, 'no-entry-risk-rules.ts')),
      },
    );
    user = await createUser(testApp.http, await adminLogin(testApp.http));
  });

  afterAll(async () => {
    await testApp.close();
    await exchange.stop();
  });

  it('a tick runs the configured strategy by the configured rules', async () => {
    const bot = await startWaveBot(testApp, user, { strategy: 'ema-rsi-copy' });
    const skipped = await waitFor(async () => {
      const state = await testApp.dataSource
        .getRepository(BotState)
        .findOneByOrFail({ id: bot.id });
      return state.lastDecision?.startsWith('buy signal skipped') ? state : undefined;
    }, 'a buy signal skipped by the configured rules');
    expect(skipped.lastDecision).toBe('buy signal skipped: sized by the configured rules');
    expect(skipped.inPosition).toBe(false);
  });

  it('an HTTP backtest, on a worker thread, runs the same strategy by the same rules', async () => {
    const rows = walkRows(START, 2000);
    const response = await testApp.http
      .post('/api/backtests')
      .set('Authorization', `Bearer ${user.token}`)
      .send({
        strategy: 'ema-rsi-copy',
        strategyParams: PARAMS,
        risk: RISK,
        filters: FILTERS,
        candles: rows,
      })
      .expect(200);
    expect(response.body.trades).toEqual([]);
    expect(response.body.metrics.skippedEntries).toBeGreaterThan(0);

    // The stock rules buy on these candles: no trade above is the configured rules' doing.
    const parsed = parseCandleRows(rows);
    if (!parsed.ok) throw new Error('rows');
    const strategy = new EmaRsiStrategy();
    const stock = reportBacktest(
      runBacktest(
        {
          strategy,
          strategyParams: { ...strategy.defaults, ...PARAMS },
          risk: RISK,
          fill: { feeRate: '0.001', slippageBps: '5' },
          initialBalanceQuote: '10000',
          filters: FILTERS,
          candles: parsed.series,
        },
        new RiskRules(),
      ),
      parsed.series,
      '10000',
    );
    expect(stock.trades.length).toBeGreaterThan(0);
  });
});
