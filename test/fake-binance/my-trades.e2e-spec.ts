import type { Spot } from '@binance/connector';
import { rejection, spotClient } from './connector-client';
import { FakeBinanceServer } from './fake-binance-server';
import { ManualClock } from './manual-clock';
import { API_KEY, API_SECRET, testOptions } from './test-universe';

interface MyTrade {
  id: number;
  orderId: number;
  time: number;
  qty: string;
}

const OTHER_KEY = 'other-api-key';
const OTHER_SECRET = 'other-api-secret';

// The server's clock runs ahead of the connector's stamps by whole seconds (within the
// recvWindow), so each order's trades get a time of their own. BTCUSDT trades at 50000.
describe('fake Binance account trade list (GET /api/v3/myTrades) through @binance/connector', () => {
  let clock: ManualClock;
  let server: FakeBinanceServer;
  let spot: Spot;

  beforeEach(async () => {
    clock = new ManualClock();
    server = new FakeBinanceServer(
      testOptions({
        now: clock.now,
        fillsPerOrder: 2,
        accounts: {
          [API_KEY]: { secret: API_SECRET, balances: { USDT: '10000', BTC: '0' } },
          [OTHER_KEY]: { secret: OTHER_SECRET, balances: { USDT: '10000', BTC: '0' } },
        },
      }),
    );
    spot = spotClient(await server.start(), API_KEY, API_SECRET);
  });

  afterEach(() => server.stop());

  /** Three buys of 0.002, 0.004 and 0.006 BTC, a second apart: trades 1-6, two per order. */
  async function threeOrders(): Promise<number[]> {
    const ids: number[] = [];
    for (const quantity of ['0.002', '0.004', '0.006']) {
      const order = await spot.newOrder('BTCUSDT', 'BUY', 'MARKET', { quantity });
      ids.push((order.data as { orderId: number }).orderId);
      clock.advance(1000);
    }
    return ids;
  }
  const trades = async (options: Parameters<Spot['myTrades']>[1] = {}) =>
    (await spot.myTrades('BTCUSDT', options)).data as MyTrade[];
  const ids = (list: MyTrade[]) => list.map((trade) => trade.id);

  it("lists one order's fills by orderId, with their commission, at weight 5", async () => {
    const [, second] = await threeOrders();
    const before = server.usedWeight();
    const response = await spot.myTrades('BTCUSDT', { orderId: second });
    expect(server.usedWeight() - before).toBe(5);
    expect(response.data).toEqual([
      {
        symbol: 'BTCUSDT',
        id: 3,
        orderId: second,
        orderListId: -1,
        price: '50000.00000000',
        qty: '0.00200000',
        quoteQty: '100.00000000',
        commission: '0.00000200',
        commissionAsset: 'BTC',
        time: expect.any(Number),
        isBuyer: true,
        isMaker: false,
        isBestMatch: true,
      },
      expect.objectContaining({ id: 4, orderId: second, qty: '0.00200000' }),
    ]);
    expect(await trades({ orderId: second, fromId: 4 })).toEqual([
      expect.objectContaining({ id: 4 }),
    ]);
    expect(await trades({ orderId: 99 })).toEqual([]);
  });

  it('lists the most recent, from a trade id, or in a time range, always oldest first, at weight 20', async () => {
    await threeOrders();
    const before = server.usedWeight();
    const all = await trades();
    expect(server.usedWeight() - before).toBe(20);
    expect(ids(all)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ids(await trades({ limit: 2 }))).toEqual([5, 6]);
    expect(ids(await trades({ fromId: 2, limit: 3 }))).toEqual([2, 3, 4]);

    const [firstTime, , secondTime, , thirdTime] = all.map((trade) => trade.time);
    expect(secondTime - firstTime).toBe(1000);
    expect(ids(await trades({ startTime: secondTime }))).toEqual([3, 4, 5, 6]);
    expect(ids(await trades({ startTime: secondTime, limit: 1 }))).toEqual([3]);
    expect(ids(await trades({ endTime: secondTime }))).toEqual([1, 2, 3, 4]);
    expect(ids(await trades({ endTime: thirdTime, limit: 2 }))).toEqual([5, 6]);
    expect(ids(await trades({ startTime: firstTime, endTime: secondTime }))).toEqual([1, 2, 3, 4]);
  });

  it("shows only the caller's own trades", async () => {
    await threeOrders();
    const other = spotClient(server.baseURL, OTHER_KEY, OTHER_SECRET);
    expect((await other.myTrades('BTCUSDT')).data).toEqual([]);
    expect((await spot.myTrades('ETHUSDT')).data).toEqual([]);
  });

  it('refuses what Binance refuses: other parameter mixes, ranges over 24 hours, unknown symbols', async () => {
    const now = Date.now();
    const invalid = {
      status: 400,
      code: -1128,
      msg: 'Combination of optional parameters invalid.',
    };
    expect(await rejection(spot.myTrades('BTCUSDT', { orderId: 1, startTime: now }))).toMatchObject(
      invalid,
    );
    expect(await rejection(spot.myTrades('BTCUSDT', { fromId: 1, endTime: now }))).toMatchObject(
      invalid,
    );
    expect(
      await rejection(spot.myTrades('BTCUSDT', { startTime: now - 25 * 3600_000, endTime: now })),
    ).toMatchObject({
      status: 400,
      code: -1127,
      msg: 'More than 24 hours between startTime and endTime.',
    });
    expect(await rejection(spot.myTrades('NOPE'))).toMatchObject({ code: -1121 });
    const unsigned = await fetch(`${server.baseURL}/api/v3/myTrades?symbol=BTCUSDT`);
    expect(unsigned.status).toBe(401);
  });
});
