import { randomUUID } from 'node:crypto';
import { BotStatus, ExitReason, OrderSide, OrderStatus } from '../../src/kernel/bot.enums';
import { BotLifecycleService } from '../../src/bots/engine/bot-lifecycle.service';
import { BotRunnerService } from '../../src/bots/engine/bot-runner.service';
import { clientOrderIdFor } from '../../src/bots/engine/client-order-id';
import { OrderSweeper } from '../../src/bots/engine/order-sweeper';
import { BotState } from '../../src/database/entities/bot-state.entity';
import { Order } from '../../src/database/entities/order.entity';
import { UserRole } from '../../src/kernel/user-role';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { testOptions } from '../fake-binance/test-universe';
import { createTestApp, type TestApp } from '../utils/test-app';
import {
  accountsOf,
  buyIdAt,
  currentSlot,
  holdPosition,
  insertLiveBot,
  LIVE_ENV,
  liveAccount,
  type LiveAccount,
  ORDER_GRACE_MS,
  ORDER_PATH,
  slotsWith,
  SYMBOL,
  views,
  wave,
} from './live-harness';
import { waitFor } from '../utils/wait-for';

/**
 * Intents no tick will come back for, and intents two workers reach at once: each is settled
 * by whoever holds its claim, into one order and one trade.
 */
describe('settling unresolved live orders', () => {
  const account = liveAccount();
  /** Holds coins to sell. */
  const holder: LiveAccount = { ...liveAccount(), balances: { USDT: '100000', BTC: '1' } };
  let fake: FakeBinanceServer;
  let testApp: TestApp;
  let other: TestApp;
  let view: ReturnType<typeof views>;

  beforeAll(async () => {
    fake = new FakeBinanceServer(testOptions({ accounts: accountsOf(account, holder) }));
    fake.setPricePath(SYMBOL, wave, { interval: '1m', startTime: 0 });
    await fake.start();
    const env = { ...LIVE_ENV, BINANCE_BASE_URL: fake.baseURL };
    testApp = await createTestApp(env);
    other = await createTestApp(env);
    view = views(testApp, fake);
  });

  afterEach(() => fake.faults.clear());

  afterAll(async () => {
    await other.close();
    await testApp.close();
    await fake.stop();
  });

  it('sends an entry that never left, taken up by two workers at once, exactly once while its candle lasts', async () => {
    const bot = await insertLiveBot(testApp, account, { interval: '1h' });
    const slot = await currentSlot('1h', 30_000);
    // An intent whose first send was lost with its worker, its claim long run out.
    const intent = await testApp.dataSource.getRepository(Order).save({
      id: randomUUID(),
      botId: bot.id,
      clientOrderId: buyIdAt(bot, slot),
      symbol: SYMBOL,
      side: OrderSide.Buy,
      reason: ExitReason.Signal,
      mode: bot.mode,
      status: OrderStatus.Sending,
      requestedQty: '0.002',
      refPrice: '50000',
      slot: String(slot),
      createdAt: new Date(Date.now() - 2 * ORDER_GRACE_MS),
      claimedUntil: new Date(Date.now() - ORDER_GRACE_MS),
    });
    // Its slot was ticked already: what the tick does next is only the intent's business.
    await testApp.dataSource
      .getRepository(BotState)
      .update({ id: bot.id }, { pendingOrderId: intent.id, lastSlot: String(slot) });

    const outcomes = await Promise.all([
      testApp.app.get(BotRunnerService).resolveOrder(bot.id, intent.id),
      other.app.get(BotRunnerService).resolveOrder(bot.id, intent.id),
      testApp.app.get(BotRunnerService).tick(bot.id, slot),
      other.app.get(OrderSweeper).sweep(),
    ]);

    // Whoever takes the claim first sends (the tick may, too); every other contender finds
    // the order in flight. The exchange saw it once.
    const settled = outcomes.slice(0, 2);
    expect(settled.filter((outcome) => outcome !== 'order_in_flight')).toEqual(
      settled.includes('ordered') ? ['ordered'] : [],
    );
    expect(view.placed(intent.clientOrderId)).toHaveLength(1);
    expect(view.requestsFor(intent.clientOrderId)).toHaveLength(1);
    expect(view.requestsFor(intent.clientOrderId, 'GET')).toHaveLength(1);
    const trades = await view.trades(bot);
    expect(trades.map((trade) => trade.orderId)).toEqual([intent.id]);
    expect(await view.state(bot)).toMatchObject({ inPosition: true, pendingOrderId: null });
  });

  it("settles a stopped bot's manual close whose outcome was unknown by looking it up, though nothing ticks", async () => {
    const bot = await insertLiveBot(testApp, account);
    const [slot] = await slotsWith(fake, 'buy', 1);
    expect(await view.runner.tick(bot.id, slot)).toBe('ordered');
    expect(await view.state(bot)).toMatchObject({ inPosition: true });

    // The close reaches the exchange, which fails before executing it: a 503.
    fake.faults.add({
      match: { method: 'POST', path: ORDER_PATH, param: (p) => p.side === 'SELL' },
      fault: { type: 'status', status: 503 },
    });
    const owner = { id: bot.userId, email: 'owner@tradebot.test', role: UserRole.User };
    await testApp.app.get(BotLifecycleService).stop(owner, bot.id, true);
    const close = await waitFor(async () => {
      const orders = await view.orders(bot);
      const sell = orders.find((order) => order.side === OrderSide.Sell);
      return sell?.error ? sell : undefined;
    }, 'the failed close');
    expect(close).toMatchObject({ status: OrderStatus.Sending, reason: ExitReason.Manual });
    fake.faults.clear();

    // No tick will come for a stopped bot: the worker that sent the close looks it up once
    // the grace period is over, finds it never arrived and sends it again. Until then, its
    // claim keeps every sweep away.
    expect(await other.app.get(OrderSweeper).sweep()).toBe(0);
    await view.settled(bot);

    const trades = await view.trades(bot);
    expect(trades.map((trade) => [trade.side, trade.reason])).toEqual([
      ['BUY', 'signal'],
      ['SELL', 'manual'],
    ]);
    expect(view.placed(close.clientOrderId)).toHaveLength(1);
    expect(view.requestsFor(close.clientOrderId)).toHaveLength(2);
    expect(await view.state(bot)).toMatchObject({
      status: BotStatus.Stopped,
      inPosition: false,
      pendingOrderId: null,
      lastDecision: 'stopped: the position was sold (manual)',
    });
  });

  it('sweeps up the close of a worker that died with its outcome unknown, into one sale', async () => {
    const bot = await insertLiveBot(testApp, holder);
    const now = Date.now();
    const slot = now - 3 * ORDER_GRACE_MS;
    const intent = await testApp.dataSource.getRepository(Order).save({
      id: randomUUID(),
      botId: bot.id,
      clientOrderId: clientOrderIdFor(bot.id, slot, 'SELL'),
      symbol: SYMBOL,
      side: OrderSide.Sell,
      reason: ExitReason.Manual,
      mode: bot.mode,
      status: OrderStatus.Sending,
      requestedQty: '0.01',
      refPrice: '50000',
      slot: String(slot),
      // Its send went unanswered a grace period ago; the worker that knew died with it.
      lastAttemptAt: new Date(now - ORDER_GRACE_MS - 100),
      claimedUntil: new Date(now - 100),
    });
    await testApp.dataSource.getRepository(BotState).update(
      { id: bot.id },
      {
        status: BotStatus.Stopped,
        pendingOrderId: intent.id,
        inPosition: true,
        positionQty: '0.01',
        entryPrice: '50000',
        entryCostQuote: '500',
        trailingHigh: '50000',
      },
    );

    expect(await other.app.get(OrderSweeper).sweep()).toBeGreaterThanOrEqual(1);
    expect(view.requestsFor(intent.clientOrderId, 'GET')).toHaveLength(1);
    expect(view.requestsFor(intent.clientOrderId)).toHaveLength(1);
    expect(view.placed(intent.clientOrderId)).toHaveLength(1);
    const trades = await view.trades(bot);
    expect(trades.map((trade) => [trade.side, trade.reason])).toEqual([['SELL', 'manual']]);
    expect(await view.state(bot)).toMatchObject({
      status: BotStatus.Stopped,
      inPosition: false,
      pendingOrderId: null,
    });
  });

  it("says so when a stopped bot's manual close is refused, not that it is still selling", async () => {
    // The coins were withdrawn by hand: the bot believes it holds 0.01 BTC, the account none.
    const bot = await insertLiveBot(testApp, account);
    await holdPosition(testApp, bot.id);
    const owner = { id: bot.userId, email: 'owner@tradebot.test', role: UserRole.User };
    await testApp.app.get(BotLifecycleService).stop(owner, bot.id, true);

    const reason =
      'order rejected: Binance -2010: Account has insufficient balance for requested action.';
    const state = await waitFor(async () => {
      const current = await view.state(bot);
      return current.pendingOrderId === null ? current : undefined;
    }, 'the refused close');
    expect(state).toMatchObject({
      status: BotStatus.Error,
      statusReason: reason,
      inPosition: true,
      lastDecision: 'stopped: the sale of the position was refused',
    });
  });
});
