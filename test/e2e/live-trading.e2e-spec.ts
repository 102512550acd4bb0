import Decimal from 'decimal.js';
import { BotStatus, OrderStatus } from '../../src/kernel/bot.enums';
import { BotEventPublisher, type BotEvent } from '../../src/kernel/bot-event';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { testOptions } from '../fake-binance/test-universe';
import { CapturedLogs } from '../utils/captured-logs';
import { createTestApp, type TestApp } from '../utils/test-app';
import {
  accountsOf,
  buyIdAt,
  holdPosition,
  insertLiveBot,
  LIVE_ENV,
  liveAccount,
  slotsWith,
  SYMBOL,
  views,
  wave,
} from './live-harness';

/** Events the engine publishes from now on (they still go on to the notifications). */
function spyOnEvents(testApp: TestApp): BotEvent[] {
  const publisher = testApp.app.get(BotEventPublisher);
  const seen: BotEvent[] = [];
  const publish = publisher.publish.bind(publisher);
  publisher.publish = (events: BotEvent[]) => {
    seen.push(...events);
    return publish(events);
  };
  return seen;
}

describe('a live bot on Binance Spot (the fake, through the real connector)', () => {
  const rich = liveAccount();
  const poor = liveAccount('10');
  const liveAccountWithoutCoins = liveAccount();
  // Known to the bot's credential, unknown to the exchange.
  const revoked = liveAccount();
  const logs = new CapturedLogs();
  let fake: FakeBinanceServer;
  let testApp: TestApp;
  let view: ReturnType<typeof views>;
  let buySlot: number;

  beforeAll(async () => {
    fake = new FakeBinanceServer(
      testOptions({ accounts: accountsOf(rich, poor, liveAccountWithoutCoins) }),
    );
    fake.setPricePath(SYMBOL, wave, { interval: '1m', startTime: 0 });
    await fake.start();
    logs.captureStreams();
    testApp = await createTestApp(
      { ...LIVE_ENV, BINANCE_BASE_URL: fake.baseURL, LOG_LEVEL: 'verbose' },
      { logger: logs },
    );
    view = views(testApp, fake);
    [buySlot] = await slotsWith(fake, 'buy', 1);
  });

  afterAll(async () => {
    await testApp.close();
    logs.restore();
    await fake.stop();
  });

  it("trades a scripted price path, and its trades are the exchange's fills", async () => {
    const bot = await insertLiveBot(testApp, rich);
    const [sellSlot] = await slotsWith(fake, 'sell', 1);
    const [entrySlot] = (await slotsWith(fake, 'buy', 3)).filter((slot) => slot < sellSlot);

    expect(await view.runner.tick(bot.id, entrySlot)).toBe('ordered');
    expect(await view.runner.tick(bot.id, sellSlot)).toBe('ordered');

    const trades = await view.trades(bot);
    const orders = await view.orders(bot);
    expect(trades.map((trade) => [trade.side, trade.mode, trade.reason])).toEqual([
      ['BUY', 'live', 'signal'],
      ['SELL', 'live', 'signal'],
    ]);
    const fills = fake.orders(rich.apiKey);
    expect(fills.map((fill) => fill.clientOrderId)).toEqual(orders.map((o) => o.clientOrderId));
    for (const [index, trade] of trades.entries()) {
      const fill = fills[index];
      expect(fill.status).toBe('FILLED');
      expect(trade.qty).toBe(new Decimal(fill.executedQty).toFixed());
      expect(trade.quoteQty).toBe(new Decimal(fill.cummulativeQuoteQty).toFixed());
      expect(trade.price).toBe(
        new Decimal(fill.cummulativeQuoteQty).div(fill.executedQty).toFixed(),
      );
      expect(orders[index]).toMatchObject({
        status: OrderStatus.Filled,
        exchangeOrderId: String(fill.orderId),
      });
    }

    // The fee is taken from what was received: BTC on the buy, USDT on the sell. The bot
    // sells what it really holds, floored to the step, and the exchange agrees on the rest.
    const [buy, sell] = trades;
    expect([buy.fee, buy.feeAsset]).toEqual([new Decimal(buy.qty).mul('0.001').toFixed(), 'BTC']);
    expect([sell.fee, sell.feeAsset]).toEqual([
      new Decimal(sell.quoteQty).mul('0.001').toDecimalPlaces(8).toFixed(),
      'USDT',
    ]);
    const held = new Decimal(buy.qty).minus(buy.fee);
    expect(sell.qty).toBe(held.toDecimalPlaces(5, Decimal.ROUND_DOWN).toFixed());
    const balances = fake.balances(rich.apiKey);
    expect(new Decimal(balances.BTC.free).toFixed()).toBe(held.minus(sell.qty).toFixed());
    expect(new Decimal(balances.USDT.free).toFixed()).toBe(
      new Decimal(100000).minus(buy.quoteQty).plus(sell.quoteQty).minus(sell.fee).toFixed(),
    );
    const pnl = new Decimal(sell.quoteQty)
      .minus(sell.fee)
      .minus(new Decimal(buy.quoteQty).plus(new Decimal(buy.fee).mul(buy.price)));
    expect(sell.pnl).toBe(pnl.toFixed());
    expect(await view.state(bot)).toMatchObject({
      status: BotStatus.Running,
      inPosition: false,
      pendingOrderId: null,
      lastError: null,
    });
  });

  it("sizes a buy by the account's free quote balance, not by its position size alone", async () => {
    const bot = await insertLiveBot(testApp, poor);
    expect(await view.runner.tick(bot.id, buySlot)).toBe('ordered');

    const [trade] = await view.trades(bot);
    const [fill] = fake.orders(poor.apiKey);
    // 10 USDT buys at most 10 / 1.001 of BTC (positionSizeQuote is 1000), floored to the step.
    expect(new Decimal(trade.quoteQty).lte(new Decimal(10).div('1.001'))).toBe(true);
    expect(trade.qty).toBe(new Decimal(fill.executedQty).toFixed());
    expect(new Decimal(fake.balances(poor.apiKey).USDT.free).lt(1)).toBe(true);
  });

  it('puts the bot in error with the reason on insufficient balance (-2010), sends once, and tells', async () => {
    // The coins were withdrawn by hand: the bot believes it holds 0.01 BTC, the account none.
    const bot = await insertLiveBot(testApp, liveAccountWithoutCoins);
    await holdPosition(testApp, bot.id);
    const [sellSlot] = await slotsWith(fake, 'sell', 1);
    const published = spyOnEvents(testApp);
    await view.runner.tick(bot.id, sellSlot);

    const reason = 'Binance -2010: Account has insufficient balance for requested action.';
    expect(await view.state(bot)).toMatchObject({
      status: BotStatus.Error,
      statusReason: `order rejected: ${reason}`,
      pendingOrderId: null,
    });
    const [order] = await view.orders(bot);
    expect(order).toMatchObject({ status: OrderStatus.Rejected, error: reason });
    expect(view.requestsFor(order.clientOrderId)).toHaveLength(1);
    expect(view.placed(order.clientOrderId)).toEqual([]);
    expect(await view.trades(bot)).toEqual([]);
    expect(published.map((event) => [event.type, event.data])).toEqual([
      ['order.rejected', { clientOrderId: order.clientOrderId, side: 'SELL', reason }],
      ['bot.error', { reason: `order rejected: ${reason}` }],
    ]);
  });

  it('puts the bot in error on a key Binance refuses (-2015) before any order, and tells', async () => {
    const bot = await insertLiveBot(testApp, revoked);
    const published = spyOnEvents(testApp);
    expect(await view.runner.tick(bot.id, buySlot)).toBe('failed');

    const reason =
      'account check refused: Binance -2015: Invalid API-key, IP, or permissions for action.';
    expect(await view.state(bot)).toMatchObject({ status: BotStatus.Error, statusReason: reason });
    expect(view.requestsFor(buyIdAt(bot, buySlot))).toHaveLength(0);
    expect(await view.orders(bot)).toEqual([]);
    expect(published.map((event) => [event.type, event.data])).toEqual([['bot.error', { reason }]]);
  });

  it('never logs or stores a key, a secret or a signature', async () => {
    const bot = await insertLiveBot(testApp, rich);
    fake.faults.add({
      match: { path: '/api/v3/order', param: (p) => p.newClientOrderId === buyIdAt(bot, buySlot) },
      fault: { type: 'status', status: 502, executeFirst: true },
    });
    expect(await view.runner.tick(bot.id, buySlot)).toBe('order_unresolved');

    const stored = JSON.stringify([
      await testApp.dataSource.query('SELECT * FROM bot_state'),
      await testApp.dataSource.query('SELECT * FROM "order"'),
    ]);
    expect(stored).toContain('Binance answered HTTP 502');
    const text = logs.text();
    expect(text.length).toBeGreaterThan(0);
    for (const haystack of [text, stored]) {
      for (const account of [rich, poor, revoked]) {
        expect(haystack).not.toContain(account.apiKey);
        expect(haystack).not.toContain(account.secret);
      }
      expect(haystack).not.toMatch(/signature/i);
    }
  });
});
