import { clientOrderIdFor } from '../../src/bots/engine/client-order-id';
import type { BotConfig } from '../../src/database/entities/bot-config.entity';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import type { Fault } from '../fake-binance/faults';
import { testOptions } from '../fake-binance/test-universe';
import { createTestApp, type TestApp } from '../utils/test-app';
import { waitFor } from '../utils/wait-for';
import {
  accountsOf,
  buyIdAt,
  holdPosition,
  insertLiveBot,
  liveAccount,
  type LiveAccount,
  ORDER_PATH,
  slotsWith,
  SYMBOL,
  views,
  wave,
} from './live-harness';

/** Long enough to see lookups before it ends: 2 s and 5 s come first. */
const GRACE_MS = 6000;

/**
 * An order whose outcome is unknown is looked up by the bot itself, soon and again, without
 * waiting for a tick; "no such order" is believed only once the grace period has passed.
 */
describe('looking up a live order whose outcome is unknown', () => {
  const account = liveAccount();
  const holder: LiveAccount = { ...liveAccount(), balances: { USDT: '100000', BTC: '1' } };
  let fake: FakeBinanceServer;
  let testApp: TestApp;
  let view: ReturnType<typeof views>;

  beforeAll(async () => {
    fake = new FakeBinanceServer(testOptions({ accounts: accountsOf(account, holder) }));
    fake.setPricePath(SYMBOL, wave, { interval: '1m', startTime: 0 });
    await fake.start();
    testApp = await createTestApp({
      ORDER_GRACE_MS: String(GRACE_MS),
      BINANCE_TIMEOUT_MS: '400',
      BINANCE_BASE_URL: fake.baseURL,
    });
    view = views(testApp, fake);
  });

  afterEach(() => fake.faults.clear());

  afterAll(async () => {
    await testApp.close();
    await fake.stop();
  });

  const onSendOf = (clientOrderId: string, fault: Fault) =>
    fake.faults.add({
      match: {
        method: 'POST',
        path: ORDER_PATH,
        param: (p) => p.newClientOrderId === clientOrderId,
      },
      fault,
    });
  const tradesOf = (bot: BotConfig) =>
    waitFor(
      async () => {
        const trades = await view.trades(bot);
        return trades.length > 0 ? trades : undefined;
      },
      'the trade',
      15_000,
    );

  it('looks up an order that executed 2 s after its send failed, long before the grace period ends', async () => {
    const bot = await insertLiveBot(testApp, account);
    const [buySlot] = await slotsWith(fake, 'buy', 1);
    const clientOrderId = buyIdAt(bot, buySlot);
    onSendOf(clientOrderId, { type: 'status', status: 502, executeFirst: true });
    expect(await view.runner.tick(bot.id, buySlot)).toBe('order_unresolved');

    const [trade] = await tradesOf(bot);
    const [sent] = view.requestsFor(clientOrderId);
    const lookups = view.requestsFor(clientOrderId, 'GET');
    expect(lookups).toHaveLength(1);
    expect(lookups[0].time - sent.time).toBeGreaterThanOrEqual(2000);
    expect(lookups[0].time - sent.time).toBeLessThan(GRACE_MS);
    expect(trade).toMatchObject({ side: 'BUY' });
    expect(view.placed(clientOrderId)).toHaveLength(1);
    expect(await view.state(bot)).toMatchObject({ inPosition: true, pendingOrderId: null });
  });

  it('believes "no such order" only after the grace period: an exit missing at 2 s and 5 s is sent again at 6 s', async () => {
    const bot = await insertLiveBot(testApp, holder);
    await holdPosition(testApp, bot.id);
    const [sellSlot] = await slotsWith(fake, 'sell', 1);
    const clientOrderId = clientOrderIdFor(bot.id, sellSlot, 'SELL');
    onSendOf(clientOrderId, { type: 'status', status: 503 });
    expect(await view.runner.tick(bot.id, sellSlot)).toBe('order_unresolved');

    const [trade] = await tradesOf(bot);
    const [first, again] = view.requestsFor(clientOrderId);
    const lookups = view.requestsFor(clientOrderId, 'GET');
    expect(lookups.map((lookup) => lookup.status)).toEqual([400, 400, 400]);
    const after = lookups.map((lookup) => lookup.time - first.time);
    expect(after[0]).toBeGreaterThanOrEqual(2000);
    expect(after[1]).toBeGreaterThanOrEqual(5000);
    expect(after[2]).toBeGreaterThanOrEqual(GRACE_MS);
    expect(again.time - first.time).toBeGreaterThanOrEqual(GRACE_MS);
    expect(view.placed(clientOrderId)).toHaveLength(1);
    expect(trade).toMatchObject({ side: 'SELL', reason: 'signal' });
  });
});
