import { BotStatus, OrderSide } from '../../src/kernel/bot.enums';
import { BotState } from '../../src/database/entities/bot-state.entity';
import { Order } from '../../src/database/entities/order.entity';
import type { EntrySize } from '../../src/risk/fills';
import type { Money } from '../../src/risk/money';
import { RiskRules } from '../../src/risk/risk-rules';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { testOptions } from '../fake-binance/test-universe';
import { insertPaperBot } from '../factories/bot.factory';
import { startWaveBot, wave } from '../factories/wave-bot';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';
import { waitFor } from '../utils/wait-for';

/**
 * Rules that size no entry (a bot ticking by them never buys, and says why) and floor every
 * quantity to a step of 0.1 (BTCUSDT's is 0.00001).
 */
class InjectedRules extends RiskRules {
  override sizeEntry(): EntrySize {
    return { ok: false, reason: 'sized by the injected rules' };
  }

  override floorToStep(quantity: Money): Money {
    return super.floorToStep(quantity, '0.1');
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
      { override: (builder) => builder.overrideProvider(RiskRules).useValue(new InjectedRules()) },
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

  it("gives stop with closePosition its RiskRules: the sale is floored by the provider's instance", async () => {
    const { http, dataSource } = testApp;
    const user = await createUser(http, await adminLogin(http));
    // In error, so no tick touches it; holding 0.12345 BTC.
    const bot = await insertPaperBot(
      dataSource,
      { userId: user.id, symbol: 'BTCUSDT', interval: '1s' },
      {
        status: BotStatus.Error,
        inPosition: true,
        positionQty: '0.12345',
        entryPrice: '50000',
        entryCostQuote: '6178.6725',
        trailingHigh: '50000',
        quoteBalance: '3821.3275',
        baseBalance: '0.12345',
      },
    );
    await http
      .post(`/api/bots/${bot.id}/stop`)
      .set('Authorization', `Bearer ${user.token}`)
      .send({ closePosition: true })
      .expect(202);
    const sale = await dataSource
      .getRepository(Order)
      .findOneByOrFail({ botId: bot.id, side: OrderSide.Sell });
    expect(sale.requestedQty).toBe('0.1');
  });
});
