import Decimal from 'decimal.js';
import { OrderStatus } from '../../src/kernel/bot.enums';
import { clientOrderIdFor } from '../../src/bots/engine/client-order-id';
import { ExchangeRouter } from '../../src/bots/engine/exchange-router.service';
import type { BotConfig } from '../../src/database/entities/bot-config.entity';
import type {
  LiveExchangeClient,
  MarketOrderRequest,
} from '../../src/exchange/exchange-client.interface';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { backendTimeout, type Fault } from '../fake-binance/faults';
import { testOptions } from '../fake-binance/test-universe';
import { createTestApp, type TestApp } from '../utils/test-app';
import { BotRunnerService } from '../../src/bots/engine/bot-runner.service';
import {
  accountsOf,
  buyIdAt,
  holdPosition,
  insertLiveBot,
  LIVE_ENV,
  liveAccount,
  type LiveAccount,
  ORDER_GRACE_MS,
  ORDER_PATH,
  sleep,
  slotsWith,
  SYMBOL,
  views,
  wave,
} from './live-harness';

/**
 * Each fault hides an order's outcome from the bot. Whatever happened, the intent ends as
 * exactly one order at the exchange and exactly one trade: none twice, none lost.
 */
/** A router whose live orders die with their worker, just after sending or just before. */
function dyingRouter(sentFirst: boolean) {
  return class extends ExchangeRouter {
    override async liveAccount(bot: BotConfig): Promise<LiveExchangeClient> {
      const real = await super.liveAccount(bot);
      return Object.assign(Object.create(real) as LiveExchangeClient, {
        placeMarketOrder: async (order: MarketOrderRequest) => {
          if (sentFirst) await real.placeMarketOrder(order);
          throw new Error('worker killed');
        },
      });
    }
  };
}

describe('a live bot through faults of the exchange', () => {
  const account = liveAccount();
  /** Holds coins to sell. */
  const holder: LiveAccount = { ...liveAccount(), balances: { USDT: '100000', BTC: '1' } };
  /** Pays its fees in BNB, at 500 USDT per BNB, less Binance's 25 %. */
  const bnbPayer: LiveAccount = {
    ...liveAccount(),
    balances: { USDT: '100000', BTC: '0', BNB: '10' },
    bnbFees: { bnbPrice: '500' },
  };
  let fake: FakeBinanceServer;
  let testApp: TestApp;
  let view: ReturnType<typeof views>;
  let buySlot: number;

  beforeAll(async () => {
    fake = new FakeBinanceServer(testOptions({ accounts: accountsOf(account, holder, bnbPayer) }));
    fake.setPricePath(SYMBOL, wave, { interval: '1m', startTime: 0 });
    await fake.start();
    testApp = await createTestApp({ ...LIVE_ENV, BINANCE_BASE_URL: fake.baseURL });
    view = views(testApp, fake);
    [buySlot] = await slotsWith(fake, 'buy', 1);
  });

  afterEach(() => fake.faults.clear());

  afterAll(async () => {
    await testApp.close();
    await fake.stop();
  });

  const onOrderOf = (bot: BotConfig, fault: Fault) =>
    fake.faults.add({
      match: {
        method: 'POST',
        path: ORDER_PATH,
        param: (p) => p.newClientOrderId === buyIdAt(bot, buySlot),
      },
      fault,
    });

  /** One order and one trade for the intent, resolved by ticking its slot again. */
  async function expectExactlyOnce(bot: BotConfig, sends: number): Promise<void> {
    const clientOrderId = buyIdAt(bot, buySlot);
    expect(view.placed(clientOrderId)).toHaveLength(1);
    expect(view.requestsFor(clientOrderId)).toHaveLength(sends);
    const trades = await view.trades(bot);
    expect(trades).toHaveLength(1);
    const [order] = await view.orders(bot);
    expect(order).toMatchObject({ clientOrderId, status: OrderStatus.Filled });
    expect(trades[0]).toMatchObject({ orderId: order.id, side: 'BUY', qty: order.executedQty });
    expect(await view.state(bot)).toMatchObject({
      status: 'running',
      inPosition: true,
      pendingOrderId: null,
    });
  }

  /**
   * A send whose outcome the bot cannot know, then the lookup the bot makes by itself once the
   * grace period has passed (so short here that no earlier lookup comes before it).
   */
  async function unresolvedThenReconciled(bot: BotConfig): Promise<void> {
    const lookups = () => view.requestsFor(buyIdAt(bot, buySlot), 'GET');
    const lookedUpBefore = lookups().length;
    expect(await view.runner.tick(bot.id, buySlot)).toBe('order_unresolved');
    expect(await view.trades(bot)).toEqual([]);
    const state = await view.state(bot);
    expect(state.lastError).toMatch(/outcome unknown/);
    expect(state.status).toBe('running');
    // Within the grace period a tick leaves the order alone: it is not even looked up.
    expect(await view.runner.tick(bot.id, buySlot)).toBe('order_in_flight');
    expect(lookups()).toHaveLength(lookedUpBefore);

    await view.settled(bot);
    const [sent] = view.requestsFor(buyIdAt(bot, buySlot));
    expect(lookups()[lookedUpBefore].time - sent.time).toBeGreaterThanOrEqual(ORDER_GRACE_MS);
    expect(await view.runner.tick(bot.id, buySlot)).toBe('skipped_duplicate');
  }

  /**
   * An entry that never reached the exchange, looked up once its candle had passed: dropped,
   * saying why, after `sends` attempts; nothing placed, nothing traded.
   */
  async function expectDropped(bot: BotConfig, sends: number): Promise<void> {
    const clientOrderId = buyIdAt(bot, buySlot);
    expect(view.placed(clientOrderId)).toEqual([]);
    expect(view.requestsFor(clientOrderId)).toHaveLength(sends);
    expect(await view.trades(bot)).toEqual([]);
    const reason =
      'entry dropped: its order never reached the exchange, and the candle it was decided for has passed';
    const [order] = await view.orders(bot);
    expect(order).toMatchObject({ clientOrderId, status: OrderStatus.Expired, error: reason });
    expect(await view.state(bot)).toMatchObject({
      status: 'running',
      inPosition: false,
      pendingOrderId: null,
      lastDecision: reason,
    });
  }

  it.each<[string, Fault]>([
    ['a timeout after the order executed', { type: 'delay', ms: 1500, executeFirst: true }],
    // Held in transit past the client's timeout, executed within the grace period.
    ['a timeout before it executed', { type: 'delay', ms: 700 }],
    ['a 5xx after it executed', { type: 'status', status: 502, executeFirst: true }],
    ['-1007 after it executed', backendTimeout(true)],
    ['a dropped connection after it executed', { type: 'drop' }],
  ])('%s', async (_name, fault) => {
    const bot = await insertLiveBot(testApp, account);
    onOrderOf(bot, fault);
    await unresolvedThenReconciled(bot);
    // A request held in transit executes late: let it land before counting.
    await sleep(fault.type === 'delay' ? fault.ms : 0);
    await expectExactlyOnce(bot, 1);
  });

  // The buy slot is minutes old: by the lookup, newer candles have been decided on.
  it.each<[string, Fault]>([
    ['a 5xx before it executed', { type: 'status', status: 503 }],
    ['-1007 before it executed', backendTimeout(false)],
  ])('drops an entry that never executed (%s) once its candle has passed', async (_name, fault) => {
    const bot = await insertLiveBot(testApp, account);
    onOrderOf(bot, fault);
    await unresolvedThenReconciled(bot);
    await expectDropped(bot, 1);
  });

  it('sends an exit that never reached the exchange again, however late', async () => {
    const bot = await insertLiveBot(testApp, holder);
    await holdPosition(testApp, bot.id);
    const [sellSlot] = await slotsWith(fake, 'sell', 1);
    const clientOrderId = clientOrderIdFor(bot.id, sellSlot, 'SELL');
    fake.faults.add({
      match: {
        method: 'POST',
        path: ORDER_PATH,
        param: (p) => p.newClientOrderId === clientOrderId,
      },
      fault: { type: 'status', status: 503 },
    });
    expect(await view.runner.tick(bot.id, sellSlot)).toBe('order_unresolved');
    await view.settled(bot);
    expect(await view.runner.tick(bot.id, sellSlot)).toBe('skipped_duplicate');

    expect(view.placed(clientOrderId)).toHaveLength(1);
    expect(view.requestsFor(clientOrderId)).toHaveLength(2);
    const trades = await view.trades(bot);
    expect(trades.map((trade) => [trade.side, trade.reason])).toEqual([['SELL', 'signal']]);
    expect(await view.state(bot)).toMatchObject({ inPosition: false, pendingOrderId: null });
  });

  it.each([
    ['after its order executed', true],
    ['before its order was sent', false],
  ])('settles the intent of a worker killed %s exactly once', async (_when, sentFirst) => {
    const dying = await createTestApp(
      { ...LIVE_ENV, BINANCE_BASE_URL: fake.baseURL },
      {
        override: (builder) =>
          builder.overrideProvider(ExchangeRouter).useClass(dyingRouter(sentFirst)),
      },
    );
    try {
      const bot = await insertLiveBot(testApp, account);
      await expect(dying.app.get(BotRunnerService).tick(bot.id, buySlot)).rejects.toThrow(
        'worker killed',
      );
      const [intent] = await view.orders(bot);
      expect(intent.status).toBe(OrderStatus.Sending);
      expect(view.placed(intent.clientOrderId)).toHaveLength(sentFirst ? 1 : 0);

      // Another worker finds the intent; after the grace period it looks the order up and
      // records it, or (never sent, and its candle gone) drops it.
      expect(await view.runner.tick(bot.id, buySlot)).toBe('order_in_flight');
      await sleep(ORDER_GRACE_MS + 100);
      await view.runner.tick(bot.id, buySlot);
      if (sentFirst) await expectExactlyOnce(bot, 1);
      else await expectDropped(bot, 0);
    } finally {
      await dying.close();
    }
  });

  it('records an order found by lookup with its real fills: the commission Binance took in BNB', async () => {
    const bot = await insertLiveBot(testApp, bnbPayer);
    onOrderOf(bot, { type: 'status', status: 502, executeFirst: true });
    await unresolvedThenReconciled(bot);
    await expectExactlyOnce(bot, 1);

    const [placed] = view.placed(buyIdAt(bot, buySlot));
    const lookups = fake.requests.filter(
      (r) => r.path === '/api/v3/myTrades' && r.apiKey === bnbPayer.apiKey,
    );
    expect(lookups.map((r) => r.params)).toEqual([
      expect.objectContaining({ symbol: SYMBOL, orderId: String(placed.orderId) }),
    ]);
    const fee = new Decimal(placed.cummulativeQuoteQty).mul('0.00075').div(500).toDecimalPlaces(8);
    const [trade] = await view.trades(bot);
    expect([trade.fee, trade.feeAsset]).toEqual([fee.toFixed(), 'BNB']);
    // Paid in BNB, the fee leaves the whole quantity bought in the position.
    expect((await view.state(bot)).positionQty).toBe(new Decimal(placed.executedQty).toFixed());
  });

  it('takes a late -2013 as absent only after the grace period, and finds the order', async () => {
    const bot = await insertLiveBot(testApp, account);
    const clientOrderId = buyIdAt(bot, buySlot);
    onOrderOf(bot, { type: 'status', status: 504, executeFirst: true });
    // Binance's query path lags its matching engine: the order is denied for a while.
    fake.faults.lateNotFound({ clientOrderId, forMs: ORDER_GRACE_MS - 300 });
    const exchange = await view.exchangeFor(bot);
    expect(await exchange.findOrder(SYMBOL, clientOrderId)).toEqual({ status: 'absent' });

    await unresolvedThenReconciled(bot);
    await expectExactlyOnce(bot, 1);
  });

  it('answers an order lookup that fails in transit as unknown, not absent', async () => {
    const bot = await insertLiveBot(testApp, account);
    const exchange = await view.exchangeFor(bot);
    fake.faults.add({
      match: { method: 'GET', path: ORDER_PATH },
      times: Infinity,
      fault: { type: 'status', status: 503 },
    });
    const found = await exchange.findOrder(SYMBOL, buyIdAt(bot, buySlot));
    expect(found).toEqual({
      status: 'unknown',
      reason: 'lookup failed: Binance answered HTTP 503',
    });
    // Reads are retried with backoff before giving up.
    expect(view.requestsFor(buyIdAt(bot, buySlot), 'GET')).toHaveLength(4);
  });

  it('re-syncs its clock on -1021 and sends the order once more, once', async () => {
    const bot = await insertLiveBot(testApp, account);
    const exchange = await view.exchangeFor(bot);
    // A first signed request measures the clock; then the exchange's clock jumps ahead.
    expect(await exchange.findOrder(SYMBOL, 'never-placed')).toEqual({ status: 'absent' });
    // The tick's balance read comes from this one, so the skew meets the order itself.
    await exchange.freeBalance('USDT');
    fake.faults.clockSkewMs = 20_000;

    expect(await view.runner.tick(bot.id, buySlot)).toBe('ordered');
    const sends = view.requestsFor(buyIdAt(bot, buySlot));
    expect(sends.map((r) => r.status)).toEqual([400, 200]);
    const between = fake.requests.slice(fake.requests.indexOf(sends[0]) + 1);
    expect(between.map((r) => r.path)).toContain('/api/v3/time');
    await expectExactlyOnce(bot, 2);
  });
});
