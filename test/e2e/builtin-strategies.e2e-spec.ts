import { Trade } from '../../src/database/entities/trade.entity';
import { STRATEGY_CLASSES } from '../../src/strategies/built-in-strategies';
import type { StrategyParams } from '../../src/strategies/strategy.interface';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { testOptions } from '../fake-binance/test-universe';
import { startWaveBot } from '../factories/wave-bot';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';
import { waitFor } from '../utils/wait-for';

/** Checked elsewhere: ema-rsi by the paper-bot spec, external-signal by its own. */
const COVERED_ELSEWHERE = new Set(['ema-rsi', 'external-signal']);

/** An 8-second sine around 50,000: every phase of it comes round within seconds. */
const WAVE = (step: number) => 50_000 * (1 + 0.01 * Math.sin((2 * Math.PI * step) / 8));

/**
 * Params that make these strategies buy and sell on every wave, worked out on the fake's
 * candles (5 bps wicks): channels and bands shorter than half a wave.
 */
const TRADES_ON_THE_WAVE: Record<string, StrategyParams> = {
  'donchian-breakout': { entryPeriod: 3, exitPeriod: 2, atrPeriod: 3 },
  'rsi-stochastic': {
    rsiPeriod: 2,
    rsiOversold: 50,
    stochPeriod: 2,
    stochSmoothing: 1,
    stochSignalPeriod: 2,
    stochOversold: 50,
    stochOverbought: 60,
  },
  supertrend: { atrPeriod: 2, multiplier: 1 },
};

describe('every built-in strategy in a 1 s paper bot', () => {
  let exchange: FakeBinanceServer;
  let testApp: TestApp;

  beforeAll(async () => {
    exchange = new FakeBinanceServer(testOptions());
    exchange.setPricePath('BTCUSDT', WAVE, { interval: '1s' });
    testApp = await createTestApp({
      BINANCE_BASE_URL: await exchange.start(),
      CRON_ENABLED: 'true',
    });
  });

  afterAll(async () => {
    await testApp.close();
    await exchange.stop();
  });

  it('ticks with each, shows its indicators and decision, and trades on a wave that triggers it', async () => {
    const user = await createUser(testApp.http, await adminLogin(testApp.http));
    const strategies = STRATEGY_CLASSES.map((Class) => new Class()).filter(
      (strategy) => !COVERED_ELSEWHERE.has(strategy.key),
    );
    expect(strategies.map((s) => s.key)).toEqual(
      expect.arrayContaining(Object.keys(TRADES_ON_THE_WAVE)),
    );
    // All bots at once on the same market: the spec takes as long as its slowest bot.
    await Promise.all(
      strategies.map(async (strategy) => {
        const params = TRADES_ON_THE_WAVE[strategy.key];
        const parsed = strategy.parseParams(params ?? {});
        if (!parsed.ok) throw new Error(`${strategy.key}: ${JSON.stringify(parsed.errors)}`);
        const bot = await startWaveBot(testApp, user, {
          strategy: strategy.key,
          strategyParams: parsed.params,
        });
        // As the dashboard reads it: the bot's state over HTTP.
        const state = await waitFor(async () => {
          const { body } = await testApp.http
            .get(`/api/bots/${bot.id}/state`)
            .set('Authorization', `Bearer ${user.token}`)
            .expect(200);
          return body.lastSignal && body.lastDecision ? body : undefined;
        }, `a tick of ${strategy.key}`);
        const signal = state.lastSignal as { action: string; indicators: Record<string, unknown> };
        // 500 closed candles warm every default up: no indicator is NaN (null in JSON).
        const indicators = Object.entries(signal.indicators);
        expect([strategy.key, indicators.length > 0]).toEqual([strategy.key, true]);
        for (const [name, value] of indicators) {
          expect([strategy.key, name, Number.isFinite(value)]).toEqual([strategy.key, name, true]);
        }
        expect(['buy', 'sell', 'none']).toContain(signal.action);
        if (!params) return;
        const roundTrip = await waitFor(async () => {
          const trades = await testApp.dataSource
            .getRepository(Trade)
            .find({ where: { botId: bot.id }, order: { time: 'ASC' } });
          return trades.length >= 2 ? trades : undefined;
        }, `a round trip of ${strategy.key}`);
        expect([strategy.key, ...roundTrip.slice(0, 2).map((trade) => trade.side)]).toEqual([
          strategy.key,
          'BUY',
          'SELL',
        ]);
        expect(roundTrip[1].reason).toBe('signal');
      }),
    );
  }, 60_000);
});
