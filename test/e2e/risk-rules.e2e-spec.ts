import { BotState } from '../../src/bots/entities/bot-state.entity';
import type { EntrySize } from '../../src/risk/fills';
import { RiskRules } from '../../src/risk/risk-rules';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { testOptions } from '../fake-binance/test-universe';
import { startWaveBot, wave } from '../factories/wave-bot';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';
import { waitFor } from '../utils/wait-for';

/** Rules that size no entry: a bot ticking by them never buys, and says why. */
class NoSizes extends RiskRules {
  override sizeEntry(): EntrySize {
    return { ok: false, reason: 'sized by the injected rules' };
  }
}

describe('RiskModule', () => {
  let exchange: FakeBinanceServer;
  let testApp: TestApp;

  beforeAll(async () => {
    exchange = new FakeBinanceServer(testOptions());
    exchange.setPricePath('BTCUSDT', wave, { interval: '1s' });
    testApp = await createTestApp(
      { BINANCE_BASE_URL: await exchange.start(), CRON_ENABLED: 'true' },
      { override: (builder) => builder.overrideProvider(RiskRules).useValue(new NoSizes()) },
    );
  });

  afterAll(async () => {
    await testApp.close();
    await exchange.stop();
  });

  it("gives the engine its RiskRules: a tick decides by the provider's instance", async () => {
    const { http, dataSource } = testApp;
    const user = await createUser(http, await adminLogin(http));
    const bot = await startWaveBot(testApp, user);
    const skipped = await waitFor(async () => {
      const state = await dataSource.getRepository(BotState).findOneByOrFail({ id: bot.id });
      return state.lastDecision?.includes('sized by the injected rules') ? state : undefined;
    }, 'a buy signal skipped by the injected rules');
    expect(skipped.lastDecision).toBe('buy signal skipped: sized by the injected rules');
    expect(skipped.inPosition).toBe(false);
  });
});
