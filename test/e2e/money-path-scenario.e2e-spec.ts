import { BotStatus, ExitReason, OrderStatus } from '../../src/kernel/bot.enums';
import { Order } from '../../src/database/entities/order.entity';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import type { RecordedRequest } from '../fake-binance/fake-binance.types';
import { testOptions } from '../fake-binance/test-universe';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';
import { waitFor } from '../utils/wait-for';
import {
  accountsOf,
  buyIdAt,
  insertLiveBot,
  liveAccount,
  MINUTE,
  ORDER_PATH,
  slotsWith,
  SYMBOL,
  views,
  wave,
} from './live-harness';

/** Trading takes about 140 weight here (lookups, failing myTrades reads, the account, orders). */
const WEIGHT_BUDGET = 300;
const TRADING_RESERVE = 240;
const KLINES_WEIGHT = 2;
const KLINES_PATH = '/api/v3/klines';
const MY_TRADES_PATH = '/api/v3/myTrades';
/** A ranged backtest's candles: 30 days of 1m, 44 klines pages of weight 2 each. */
const FLOOD_RANGE = { startTime: Date.UTC(2025, 0, 1), endTime: Date.UTC(2025, 0, 31) - 1 };
const FLOOD_BACKTESTS = 6;
/** From a tick to its order at the exchange, and from a settled order to the stop's sale. */
const ORDER_DEADLINE_MS = 3000;

/**
 * The three faults of issue 21 at once, on one fake exchange: a live bot's buy executes but
 * its answer is lost (the connection dropped) while GET myTrades answers 500 throughout;
 * another user floods ranged backtests; the owner stops the bot with closePosition in the
 * middle of both. Every executed order is recorded exactly once, the lost one with its fee
 * estimated; the bot stops and sells; no order waits for the flood's weight.
 */
describe('a lost answer, unreadable fills, a backtest flood and a stop, together', () => {
  const trader = liveAccount();
  let fake: FakeBinanceServer;
  let testApp: TestApp;
  let view: ReturnType<typeof views>;

  beforeAll(async () => {
    fake = new FakeBinanceServer(testOptions({ accounts: accountsOf(trader) }));
    fake.setPricePath(SYMBOL, wave, { interval: '1m', startTime: 0 });
    await fake.start();
    testApp = await createTestApp({
      ORDER_GRACE_MS: '6000',
      BINANCE_TIMEOUT_MS: '400',
      BINANCE_BASE_URL: fake.baseURL,
      BINANCE_WEIGHT_BUDGET: String(WEIGHT_BUDGET),
      BINANCE_TRADING_RESERVE: String(TRADING_RESERVE),
      RANGED_BACKTESTS_PER_MINUTE: '100',
      BACKTESTS_PER_USER: String(FLOOD_BACKTESTS),
    });
    view = views(testApp, fake);
  });

  afterAll(async () => {
    await testApp?.close();
    await fake?.stop();
  });

  const isFlood = (request: RecordedRequest) =>
    request.path === KLINES_PATH &&
    Number(request.params.startTime) >= FLOOD_RANGE.startTime &&
    Number(request.params.startTime) <= FLOOD_RANGE.endTime;

  it('records each executed order once, stops the bot, and keeps trading inside its deadlines', async () => {
    const admin = await adminLogin(testApp.http);
    const owner = await createUser(testApp.http, admin);
    const flooder = await createUser(testApp.http, admin);
    const bot = await insertLiveBot(testApp, trader, {}, owner);
    const [buySlot] = await slotsWith(fake, 'buy', 1);
    const buyId = buyIdAt(bot, buySlot);

    // Each backtest's answer as it comes; those still waiting for weight are left at the end.
    const answers: { status: number; retryAfter?: string }[] = [];
    const flood = Array.from({ length: FLOOD_BACKTESTS }, () => {
      const request = testApp.http
        .post('/api/backtests')
        .set('Authorization', `Bearer ${flooder.token}`)
        .send({
          strategy: 'ema-rsi',
          risk: { positionSizeQuote: '500' },
          symbol: SYMBOL,
          interval: '1m',
          ...FLOOD_RANGE,
        });
      void request.then(
        ({ status, headers }) => answers.push({ status, retryAfter: headers['retry-after'] }),
        () => undefined,
      );
      return request;
    });
    await waitFor(
      async () => (answers.some(({ status }) => status === 429) ? true : undefined),
      'the share above the reserve spent: a backtest refused',
    );

    fake.faults.add({
      match: { method: 'POST', path: ORDER_PATH, param: (p) => p.newClientOrderId === buyId },
      fault: { type: 'drop' },
    });
    fake.faults.add({
      match: { method: 'GET', path: MY_TRADES_PATH },
      times: Infinity,
      fault: { type: 'status', status: 500 },
    });
    const tickedAt = fake.now();
    expect(await view.runner.tick(bot.id, buySlot)).toBe('order_unresolved');
    const [buySent] = view.requestsFor(buyId);
    expect(buySent.time - tickedAt).toBeLessThan(ORDER_DEADLINE_MS);

    const stop = await testApp.http
      .post(`/api/bots/${bot.id}/stop`)
      .set('Authorization', `Bearer ${owner.token}`)
      .send({ closePosition: true })
      .expect(202);
    expect(stop.body).toMatchObject({
      status: BotStatus.Running,
      awaitedOrder: { clientOrderId: buyId },
    });

    const trades = await waitFor(
      async () => {
        const all = await view.trades(bot);
        return all.some((trade) => trade.side === 'SELL') ? all : undefined;
      },
      'the buy settled and the stop sale filled',
      45_000,
    );
    const state = await view.state(bot);
    expect(state).toMatchObject({ status: BotStatus.Stopped, inPosition: false });

    const placed = fake.orders().filter((order) => order.symbol === SYMBOL);
    expect(placed.map((order) => order.status)).toEqual(['FILLED', 'FILLED']);
    const orders = await testApp.dataSource.getRepository(Order).find({ where: { botId: bot.id } });
    for (const order of placed) {
      const recorded = orders.filter((o) => o.clientOrderId === order.clientOrderId);
      expect([order.clientOrderId, recorded.map((o) => o.status)]).toEqual([
        order.clientOrderId,
        [OrderStatus.Filled],
      ]);
      expect(trades.filter((trade) => trade.orderId === recorded[0].id)).toHaveLength(1);
    }
    expect(trades).toHaveLength(2);
    expect(trades.map(({ side, feeEstimated }) => ({ side, feeEstimated }))).toEqual([
      { side: 'BUY', feeEstimated: true },
      { side: 'SELL', feeEstimated: false },
    ]);
    expect(trades[1].reason).toBe(ExitReason.Manual);
    const sellId = placed[1].clientOrderId;
    const [sellSent] = view.requestsFor(sellId);
    const lastLookup = view.requestsFor(buyId, 'GET').at(-1)!;
    expect(sellSent.time - lastLookup.time).toBeLessThan(ORDER_DEADLINE_MS);

    // The flood got what is above the reserve and no more (give or take a page in flight at
    // each minute's turn); each backtest that answered ran or was refused with Retry-After.
    for (const request of flood) request.abort();
    for (const { status, retryAfter } of answers) {
      expect([200, 429]).toContain(status);
      if (status === 429) expect(Number(retryAfter)).toBeGreaterThan(0);
    }
    const floodWeight = new Map<number, number>();
    for (const request of fake.requests.filter(isFlood)) {
      const minute = Math.floor(request.time / MINUTE);
      floodWeight.set(minute, (floodWeight.get(minute) ?? 0) + KLINES_WEIGHT);
    }
    expect(Math.max(...floodWeight.values())).toBeLessThanOrEqual(
      WEIGHT_BUDGET - TRADING_RESERVE + KLINES_WEIGHT * FLOOD_BACKTESTS,
    );
  });
});
