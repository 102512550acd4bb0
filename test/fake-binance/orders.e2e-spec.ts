import { createHmac } from 'node:crypto';
import type { Spot } from '@binance/connector';
import { rejection, spotClient } from './connector-client';
import { FakeBinanceServer } from './fake-binance-server';
import type { FakeBinanceOptions } from './fake-binance.types';
import { API_KEY, API_SECRET, testOptions } from './test-universe';

interface Fill {
  price: string;
  qty: string;
  commission: string;
  commissionAsset: string;
  tradeId: number;
}

interface OrderAnswer {
  orderId: number;
  clientOrderId: string;
  status: string;
  executedQty: string;
  cummulativeQuoteQty: string;
  fills: Fill[];
}

// Orders use the real clock (the connector stamps requests with Date.now) and constant
// prices: BTCUSDT 50000, ETHUSDT 2000.
describe('fake Binance orders and account through @binance/connector', () => {
  let server: FakeBinanceServer;
  let spot: Spot;

  const start = async (overrides: Partial<FakeBinanceOptions> = {}) => {
    server = new FakeBinanceServer(testOptions(overrides));
    spot = spotClient(await server.start(), API_KEY, API_SECRET);
  };

  beforeEach(() => start());
  afterEach(() => server.stop());

  const buy = async (options: Record<string, string | number>) =>
    (await spot.newOrder('BTCUSDT', 'BUY', 'MARKET', options)).data as OrderAnswer;
  const balances = async () => {
    const account = (await spot.account()).data as {
      balances: { asset: string; free: string; locked: string }[];
    };
    return Object.fromEntries(account.balances.map((b) => [b.asset, b.free]));
  };

  it('fills a FULL market buy net of a base-asset commission, then a sell of what was received', async () => {
    const bought = await buy({ quantity: '0.01', newClientOrderId: 'buy-1' });
    expect(bought).toMatchObject({
      symbol: 'BTCUSDT',
      orderId: 1,
      orderListId: -1,
      clientOrderId: 'buy-1',
      price: '0.00000000',
      origQty: '0.01000000',
      executedQty: '0.01000000',
      cummulativeQuoteQty: '500.00000000',
      status: 'FILLED',
      type: 'MARKET',
      side: 'BUY',
      fills: [
        {
          price: '50000.00000000',
          qty: '0.01000000',
          commission: '0.00001000',
          commissionAsset: 'BTC',
          tradeId: 1,
        },
      ],
    });
    expect(typeof (bought as unknown as { transactTime: number }).transactTime).toBe('number');
    expect(await balances()).toEqual({ USDT: '500.00000000', BTC: '0.00999000' });

    // Selling the full quantity bought fails: the commission was taken from it.
    expect(
      await rejection(spot.newOrder('BTCUSDT', 'SELL', 'MARKET', { quantity: '0.01' })),
    ).toMatchObject({
      status: 400,
      code: -2010,
      msg: 'Account has insufficient balance for requested action.',
    });
    const sold = (await spot.newOrder('BTCUSDT', 'SELL', 'MARKET', { quantity: '0.00999' }))
      .data as OrderAnswer;
    expect(sold.clientOrderId).toMatch(/^[A-Za-z0-9]{22}$/);
    expect(sold).toMatchObject({
      orderId: 2,
      cummulativeQuoteQty: '499.50000000',
      fills: [{ qty: '0.00999000', commission: '0.49950000', commissionAsset: 'USDT', tradeId: 2 }],
    });
    expect(await balances()).toEqual({ USDT: '999.00050000', BTC: '0.00000000' });
    expect(server.balances(API_KEY).USDT).toEqual({ free: '999.00050000', locked: '0.00000000' });
  });

  it('buys with quoteOrderQty as much as the step allows', async () => {
    const bought = await buy({ quoteOrderQty: '100' });
    // 100 / 50000 = 0.002 exactly; 99.99 would round down to 0.00199.
    expect(bought).toMatchObject({
      executedQty: '0.00200000',
      cummulativeQuoteQty: '100.00000000',
    });
    const odd = await buy({ quoteOrderQty: '99.99' });
    expect(odd).toMatchObject({ executedQty: '0.00199000', cummulativeQuoteQty: '99.50000000' });
    expect((odd as unknown as { origQuoteOrderQty: string }).origQuoteOrderQty).toBe('99.99000000');
  });

  it('answers ACK and RESULT shapes on request', async () => {
    const ack = await buy({ quantity: '0.001', newOrderRespType: 'ACK' });
    expect(Object.keys(ack).sort()).toEqual([
      'clientOrderId',
      'orderId',
      'orderListId',
      'symbol',
      'transactTime',
    ]);
    const result = await buy({ quantity: '0.001', newOrderRespType: 'RESULT' });
    expect(result).toMatchObject({ status: 'FILLED', executedQty: '0.00100000' });
    expect(result).not.toHaveProperty('fills');
  });

  it('splits fills when configured, commissions per fill', async () => {
    await server.stop();
    await start({ fillsPerOrder: 3 });
    const bought = await buy({ quantity: '0.01' });
    expect(bought.fills.map((f) => [f.qty, f.commission])).toEqual([
      ['0.00333000', '0.00000333'],
      ['0.00333000', '0.00000333'],
      ['0.00334000', '0.00000334'],
    ]);
    expect(server.balances(API_KEY).BTC.free).toBe('0.00999000');
  });

  it('takes the commission in BNB, discounted, from an account paying fees in BNB while it has enough', async () => {
    await server.stop();
    await start({
      accounts: {
        [API_KEY]: {
          secret: API_SECRET,
          balances: { USDT: '1000', BTC: '0', BNB: '0.001' },
          bnbFees: { bnbPrice: '500' },
        },
      },
    });
    // 500 USDT at 0.1 % less 25 %, at 500 USDT per BNB.
    const bought = await buy({ quantity: '0.01' });
    expect(bought.fills).toEqual([
      expect.objectContaining({ commission: '0.00075000', commissionAsset: 'BNB' }),
    ]);
    expect(await balances()).toEqual({
      USDT: '500.00000000',
      BTC: '0.01000000',
      BNB: '0.00025000',
    });

    // Too little BNB left for the next order's fee: the usual commission in the asset received.
    const second = await buy({ quantity: '0.004' });
    expect(second.fills).toEqual([
      expect.objectContaining({ commission: '0.00000400', commissionAsset: 'BTC' }),
    ]);
    expect(await balances()).toEqual({
      USDT: '300.00000000',
      BTC: '0.01399600',
      BNB: '0.00025000',
    });
  });

  it('rejects orders breaking LOT_SIZE or NOTIONAL with -1013', async () => {
    const lot = { status: 400, code: -1013, msg: 'Filter failure: LOT_SIZE' };
    expect(await rejection(buy({ quantity: '0.000015' }))).toMatchObject(lot);
    expect(await rejection(buy({ quantity: '0.000001' }))).toMatchObject(lot);
    expect(await rejection(buy({ quantity: '9001' }))).toMatchObject(lot);
    expect(await rejection(buy({ quantity: '0.00009' }))).toMatchObject({
      status: 400,
      code: -1013,
      msg: 'Filter failure: NOTIONAL',
    });
    expect(await rejection(buy({ quoteOrderQty: '4' }))).toMatchObject({ code: -1013 });
    const eth = spot.newOrder('ETHUSDT', 'BUY', 'MARKET', { quantity: '0.001' });
    expect(await rejection(eth)).toMatchObject({
      code: -1013,
      msg: 'Filter failure: MIN_NOTIONAL',
    });
    expect(server.orders()).toEqual([]);
  });

  it('rejects a buy beyond the quote balance with -2010 and changes nothing', async () => {
    expect(await rejection(buy({ quantity: '0.02001' }))).toMatchObject({
      status: 400,
      code: -2010,
      msg: 'Account has insufficient balance for requested action.',
    });
    expect(await balances()).toEqual({ USDT: '1000.00000000', BTC: '0.00000000' });
  });

  it('rejects bad order parameters with Binance codes', async () => {
    expect(
      await rejection(spot.newOrder('BTCUSDT', 'BUY', 'LIMIT', { quantity: '0.001' })),
    ).toMatchObject({
      code: -1116,
    });
    // The declared type only allows BUY and SELL; the server must refuse anything else.
    const hold = 'HOLD' as 'BUY';
    expect(
      await rejection(spot.newOrder('BTCUSDT', hold, 'MARKET', { quantity: '0.001' })),
    ).toMatchObject({
      code: -1117,
    });
    expect(await rejection(buy({}))).toMatchObject({
      code: -1102,
      msg: "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!",
    });
    expect(await rejection(buy({ quantity: '1e-3' }))).toMatchObject({ code: -1100 });
    expect(await rejection(buy({ quantity: '0.001', newClientOrderId: 'not ok!' }))).toMatchObject({
      code: -1100,
    });
    expect(
      await rejection(spot.newOrder('NOPE', 'BUY', 'MARKET', { quantity: '1' })),
    ).toMatchObject({
      code: -1121,
    });
  });

  it('refuses orders on a symbol that is not trading', async () => {
    await server.stop();
    const options = testOptions();
    options.symbols[0].status = 'BREAK';
    await start(options);
    expect(await rejection(buy({ quantity: '0.001' }))).toMatchObject({
      code: -2010,
      msg: 'Market is closed.',
    });
  });

  it('finds orders by origClientOrderId or orderId and answers -2013 for others', async () => {
    const bought = await buy({ quantity: '0.001', newClientOrderId: 'find-me' });
    const byClientId = (await spot.getOrder('BTCUSDT', { origClientOrderId: 'find-me' })).data;
    expect(byClientId).toMatchObject({
      symbol: 'BTCUSDT',
      orderId: bought.orderId,
      clientOrderId: 'find-me',
      status: 'FILLED',
      executedQty: '0.00100000',
      cummulativeQuoteQty: '50.00000000',
      type: 'MARKET',
      side: 'BUY',
      isWorking: true,
    });
    expect((await spot.getOrder('BTCUSDT', { orderId: bought.orderId })).data).toEqual(byClientId);

    const absent = { status: 400, code: -2013, msg: 'Order does not exist.' };
    expect(
      await rejection(spot.getOrder('BTCUSDT', { origClientOrderId: 'never-sent' })),
    ).toMatchObject(absent);
    expect(
      await rejection(spot.getOrder('ETHUSDT', { origClientOrderId: 'find-me' })),
    ).toMatchObject(absent);
    expect(
      await rejection(
        spot.getOrder('BTCUSDT', { orderId: bought.orderId, origClientOrderId: 'x' }),
      ),
    ).toMatchObject(absent);
    expect(await rejection(spot.getOrder('BTCUSDT'))).toMatchObject({ code: -1102 });
  });

  it('accepts a reused newClientOrderId once the earlier order is filled: a blind retry buys twice', async () => {
    await buy({ quantity: '0.001', newClientOrderId: 'retry-me' });
    await buy({ quantity: '0.001', newClientOrderId: 'retry-me' });
    expect(server.orders(API_KEY).map((o) => o.clientOrderId)).toEqual(['retry-me', 'retry-me']);
    expect(server.balances(API_KEY).BTC.free).toBe('0.00199800');
    // A query by client id finds the newest.
    expect((await spot.getOrder('BTCUSDT', { origClientOrderId: 'retry-me' })).data).toMatchObject({
      orderId: 2,
    });
  });

  it('refuses a reused newClientOrderId while the earlier order is still open', async () => {
    server.faults.add({
      match: { path: '/api/v3/order', method: 'POST' },
      fault: { type: 'queue', ms: 300 },
    });
    const queued = await buy({ quantity: '0.001', newClientOrderId: 'slow' });
    expect(queued).toMatchObject({ status: 'NEW', executedQty: '0.00000000', fills: [] });
    expect(server.balances(API_KEY).USDT).toEqual({ free: '950.00000000', locked: '50.00000000' });
    expect((await spot.getOrder('BTCUSDT', { origClientOrderId: 'slow' })).data).toMatchObject({
      status: 'NEW',
    });

    expect(await rejection(buy({ quantity: '0.001', newClientOrderId: 'slow' }))).toMatchObject({
      status: 400,
      code: -2010,
      msg: 'Duplicate order sent.',
    });

    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await spot.getOrder('BTCUSDT', { origClientOrderId: 'slow' })).data).toMatchObject({
      status: 'FILLED',
      executedQty: '0.00100000',
    });
    expect(server.balances(API_KEY)).toEqual({
      USDT: { free: '950.00000000', locked: '0.00000000' },
      BTC: { free: '0.00099900', locked: '0.00000000' },
    });
    expect(await buy({ quantity: '0.001', newClientOrderId: 'slow' })).toMatchObject({
      status: 'FILLED',
    });
  });

  it('reports the account with commission rates and string balances', async () => {
    const account = (await spot.account()).data;
    expect(account).toMatchObject({
      makerCommission: 10,
      takerCommission: 10,
      commissionRates: {
        maker: '0.00100000',
        taker: '0.00100000',
        buyer: '0.00000000',
        seller: '0.00000000',
      },
      canTrade: true,
      accountType: 'SPOT',
      balances: [
        { asset: 'USDT', free: '1000.00000000', locked: '0.00000000' },
        { asset: 'BTC', free: '0.00000000', locked: '0.00000000' },
      ],
      permissions: ['SPOT'],
    });
  });

  it('accepts signed parameters in a form body, as Binance does for POST', async () => {
    const body = `symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001&timestamp=${Date.now()}`;
    const signature = createHmac('sha256', API_SECRET).update(body).digest('hex');
    const response = await fetch(`${server.baseURL}/api/v3/order`, {
      method: 'POST',
      headers: { 'X-MBX-APIKEY': API_KEY, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `${body}&signature=${signature}`,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'FILLED', executedQty: '0.00100000' });
  });

  it('fills with slippage against the taker', async () => {
    await server.stop();
    await start({ slippage: 0.001 });
    expect((await buy({ quantity: '0.001' })).fills[0].price).toBe('50050.00000000');
    expect(
      (await spot.newOrder('BTCUSDT', 'SELL', 'MARKET', { quantity: '0.0005' })).data,
    ).toMatchObject({
      fills: [{ price: '49950.00000000' }],
    });
  });
});
