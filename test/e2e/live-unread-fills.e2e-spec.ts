import { BotStatus, ExitReason, OrderStatus } from '../../src/kernel/bot.enums';
import type { BotConfig } from '../../src/database/entities/bot-config.entity';
import { Money, money } from '../../src/risk/money';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import type { Fault } from '../fake-binance/faults';
import { testOptions } from '../fake-binance/test-universe';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';
import { waitFor } from '../utils/wait-for';
import {
  accountsOf,
  buyIdAt,
  insertLiveBot,
  liveAccount,
  ORDER_PATH,
  slotsWith,
  SYMBOL,
  views,
  wave,
} from './live-harness';
import { Receiver } from './notifications-harness';

/** Lookups 2 s and 5 s after the lost answer, then at 6 s: the third is the bound. */
const GRACE_MS = 6000;
/** Not the fake's default: the estimate must come from the account's own rates. */
const COMMISSION_RATE = '0.00075';
const MY_TRADES_PATH = '/api/v3/myTrades';
const MY_TRADES_500: Fault = { type: 'status', status: 500 };
const MY_TRADES_1001: Fault = {
  type: 'error',
  httpStatus: 500,
  code: -1001,
  msg: 'Internal error; unable to process your request. Please try again.',
};

/**
 * An order whose answer was lost (the connection dropped after it executed) is found FILLED
 * by its lookups, but its trade list cannot be read: after three such lookups it is settled
 * from its own totals, its fee estimated, and a stop asked for meanwhile is never refused.
 * The three cases share nothing (each its own account, owner, bot and faults), so they run
 * at once: each spends its seconds waiting for its order's lookups.
 */
describe('an executed order whose trade list cannot be read', () => {
  const accounts = [liveAccount(), liveAccount(), liveAccount()];
  let fake: FakeBinanceServer;
  let testApp: TestApp;
  let view: ReturnType<typeof views>;
  let adminToken: string;
  let receiver: Receiver;
  let cases: { settles: Promise<void>; closes: Promise<void>; stops: Promise<void> };

  beforeAll(async () => {
    fake = new FakeBinanceServer(
      testOptions({ accounts: accountsOf(...accounts), commissionRate: COMMISSION_RATE }),
    );
    fake.setPricePath(SYMBOL, wave, { interval: '1m', startTime: 0 });
    await fake.start();
    testApp = await createTestApp({
      ORDER_GRACE_MS: String(GRACE_MS),
      BINANCE_TIMEOUT_MS: '400',
      BINANCE_BASE_URL: fake.baseURL,
      NOTIFICATION_RETRY_BASE_MS: '50',
      WEBHOOK_ALLOW_PRIVATE: 'true',
    });
    view = views(testApp, fake);
    adminToken = await adminLogin(testApp.http);
    receiver = await new Receiver().start();
    cases = {
      settles: started(settlesFromItsTotals),
      closes: started(closesOnceSettled),
      stops: started(stopsAtOnce),
    };
  });

  afterAll(async () => {
    // Each case's outcome is awaited by its own test; here only that none is still running.
    await Promise.allSettled(Object.values(cases ?? {}));
    fake.faults.clear();
    await testApp.close();
    await fake.stop();
    await receiver.stop();
  });

  /** A live bot of a user who hears of its trades by webhook; its buy's answer is lost. */
  async function botWhoseBuyIsLost(account: (typeof accounts)[number], myTrades: Fault) {
    const owner = await createUser(testApp.http, adminToken);
    await testApp.http
      .post('/api/notification-channels')
      .set('Authorization', `Bearer ${owner.token}`)
      .send({ type: 'webhook', url: receiver.url, events: ['trade.opened'] })
      .expect(201);
    const bot = await insertLiveBot(testApp, account, {}, owner);
    const [buySlot] = await slotsWith(fake, 'buy', 1);
    const clientOrderId = buyIdAt(bot, buySlot);
    fake.faults.add({
      match: {
        method: 'POST',
        path: ORDER_PATH,
        param: (p) => p.newClientOrderId === clientOrderId,
      },
      fault: { type: 'drop' },
    });
    expect(await view.runner.tick(bot.id, buySlot)).toBe('order_unresolved');
    const [placed] = view.placed(clientOrderId);
    expect(placed).toMatchObject({ status: 'FILLED' });
    // This order's trade list only, as the cases run at once; its first lookup is seconds
    // away, and a read before this fault would show as an answer other than 500.
    const orderId = String(placed.orderId);
    fake.faults.add({
      match: { method: 'GET', path: MY_TRADES_PATH, param: (p) => p.orderId === orderId },
      times: Infinity,
      fault: myTrades,
    });
    const api = (path: string) =>
      testApp.http.get(`/api/bots/${bot.id}${path}`).set('Authorization', `Bearer ${owner.token}`);
    const stop = (body: object) =>
      testApp.http
        .post(`/api/bots/${bot.id}/stop`)
        .set('Authorization', `Bearer ${owner.token}`)
        .send(body);
    const tradeReads = () =>
      fake.requests.filter((r) => r.path === MY_TRADES_PATH && r.params.orderId === orderId);
    return { bot, clientOrderId, placed, api, stop, tradeReads };
  }

  /** Started now, awaited by its test; a failure meanwhile is not an unhandled rejection. */
  function started(run: () => Promise<void>): Promise<void> {
    const promise = run();
    promise.catch(() => undefined);
    return promise;
  }

  /** Taker rate (the fake's buyer rate is 0) on the base quantity, rounded up as Binance's. */
  const estimatedFee = (executedQty: string) =>
    money(executedQty).mul(COMMISSION_RATE).toDecimalPlaces(8, Money.ROUND_UP).toString();

  const tradesOf = (bot: BotConfig, count: number) =>
    waitFor(
      async () => {
        const trades = await view.trades(bot);
        return trades.length >= count ? trades : undefined;
      },
      `${count} trade(s)`,
      30_000,
    );

  async function settlesFromItsTotals() {
    const { bot, clientOrderId, placed, api, tradeReads } = await botWhoseBuyIsLost(
      accounts[0],
      MY_TRADES_500,
    );

    const [trade] = await tradesOf(bot, 1);
    const fee = estimatedFee(placed.executedQty);
    expect(trade).toMatchObject({ side: 'BUY', feeEstimated: true, feeAsset: 'BTC' });
    expect(money(trade.fee).toString()).toBe(fee);
    expect(money(trade.qty).toString()).toBe(money(placed.executedQty).toString());
    expect(money(trade.quoteQty).toString()).toBe(money(placed.cummulativeQuoteQty).toString());
    const lookups = view.requestsFor(clientOrderId, 'GET');
    expect(lookups).toHaveLength(3);
    const sent = view.requestsFor(clientOrderId)[0];
    expect(lookups[2].time - sent.time).toBeLessThan(60_000);
    const reads = tradeReads();
    expect(reads.length).toBeGreaterThanOrEqual(3);
    expect(reads.every((r) => r.status === 500)).toBe(true);
    expect(view.placed(clientOrderId)).toHaveLength(1);

    const state = await view.state(bot);
    expect(state).toMatchObject({ inPosition: true, pendingOrderId: null });
    // What the account really holds is at least this: the estimate rounds the fee up.
    expect(money(state.positionQty!).toString()).toBe(
      money(placed.executedQty).minus(fee).toString(),
    );
    const shown = await api('/state').expect(200);
    expect(shown.body.lastDecision).toContain(`fee ${trade.fee} BTC estimated`);
    const listed = await api('/trades').expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: trade.id, feeEstimated: true, fee: trade.fee }),
    ]);

    const opened = await waitFor(
      async () =>
        (receiver.events() as { type: string; data: { tradeId: string } }[]).find(
          (event) => event.data.tradeId === trade.id,
        ),
      'the trade.opened webhook',
    );
    expect(opened).toMatchObject({
      type: 'trade.opened',
      data: { feeEstimated: true, fee: trade.fee, feeAsset: 'BTC' },
    });
  }

  async function closesOnceSettled() {
    const { bot, clientOrderId, api, stop } = await botWhoseBuyIsLost(accounts[1], MY_TRADES_1001);
    const [pending] = await view.orders(bot);

    const awaitedOrder = { id: pending.id, clientOrderId };
    await stop({ closePosition: true }).expect(202, {
      id: bot.id,
      status: BotStatus.Running,
      awaitedOrder,
    });
    const waiting = await api('/state').expect(200);
    expect(waiting.body).toMatchObject({ status: BotStatus.Running, orderInFlight: true });
    expect(waiting.body.stopRequestedAt).not.toBeNull();
    // Asked again while it waits: the same answer.
    await stop({ closePosition: true }).expect(202, {
      id: bot.id,
      status: BotStatus.Running,
      awaitedOrder,
    });

    const [buy, sale] = await tradesOf(bot, 2);
    expect(buy).toMatchObject({ side: 'BUY', feeEstimated: true });
    expect(sale).toMatchObject({ side: 'SELL', reason: ExitReason.Manual, feeEstimated: false });
    const orders = await view.settled(bot);
    expect(orders.map((order) => order.status)).toEqual([OrderStatus.Filled, OrderStatus.Filled]);
    expect(await view.state(bot)).toMatchObject({
      status: BotStatus.Stopped,
      stopRequestedAt: null,
      inPosition: false,
      pendingOrderId: null,
    });
    const stopped = await api('/state').expect(200);
    expect(stopped.body).toMatchObject({ status: BotStatus.Stopped, stopRequestedAt: null });
  }

  async function stopsAtOnce() {
    const { bot, clientOrderId, stop } = await botWhoseBuyIsLost(accounts[2], MY_TRADES_500);
    const [pending] = await view.orders(bot);

    await stop({}).expect(202, {
      id: bot.id,
      status: BotStatus.Stopped,
      awaitedOrder: { id: pending.id, clientOrderId },
    });

    const [trade] = await tradesOf(bot, 1);
    expect(trade).toMatchObject({ side: 'BUY', feeEstimated: true });
    await view.settled(bot);
    expect(await view.state(bot)).toMatchObject({
      status: BotStatus.Stopped,
      inPosition: true,
      pendingOrderId: null,
    });
    expect(await view.trades(bot)).toHaveLength(1);
  }

  it('settles it from its own totals by the third lookup (myTrades 500 throughout): one trade, the fee estimated from the commission rates, on the state, the API and the webhook', () =>
    cases.settles);

  it('accepts a stop with closePosition meanwhile (202 naming the order, never 409), then stops and sells once it settles (myTrades -1001 throughout)', () =>
    cases.closes);

  it('stops at once without closePosition (202 naming the order), and the order still settles, its fee estimated', () =>
    cases.stops);
});
