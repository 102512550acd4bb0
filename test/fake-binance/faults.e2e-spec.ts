import type { Spot } from '@binance/connector';
import { rejection, spotClient, transportFailure } from './connector-client';
import { FakeBinanceServer } from './fake-binance-server';
import { backendTimeout, BACKEND_TIMEOUT_MSG } from './faults';
import { API_KEY, API_SECRET, testOptions } from './test-universe';
import { waitFor } from '../utils/wait-for';

// Only the delay cases give up early; every other request may take as long as a busy
// machine needs. Delays are many times the short timeout, so a late timer cannot blur them.
const SHORT_TIMEOUT_MS = 200;
const DELAY_MS = 2_000;
const ORDER = { method: 'POST', path: '/api/v3/order' };

describe('fake Binance scripted faults', () => {
  let server: FakeBinanceServer;
  let spot: Spot;
  let impatientSpot: Spot;

  beforeEach(async () => {
    server = new FakeBinanceServer(testOptions());
    const baseUrl = await server.start();
    spot = spotClient(baseUrl, API_KEY, API_SECRET, 10_000);
    impatientSpot = spotClient(baseUrl, API_KEY, API_SECRET, SHORT_TIMEOUT_MS);
  });

  afterEach(() => server.stop());

  const buy = (clientOrderId = 'order-1', client = spot) =>
    client.newOrder('BTCUSDT', 'BUY', 'MARKET', {
      quantity: '0.001',
      newClientOrderId: clientOrderId,
    });
  const placed = () => server.orders(API_KEY).map((o) => o.clientOrderId);

  it('answers a gateway 5xx before executing, once', async () => {
    server.faults.add({ match: ORDER, fault: { type: 'status', status: 502 } });
    const failed = await rejection(buy());
    expect(failed.status).toBe(502);
    expect(failed.data).toContain('502');
    expect(placed()).toEqual([]);
    expect(server.requests.at(-1)?.status).toBe(502);

    await buy();
    expect(placed()).toEqual(['order-1']);
  });

  it('answers a 5xx after executing when told to', async () => {
    server.faults.add({ match: ORDER, fault: { type: 'status', status: 504, executeFirst: true } });
    expect((await rejection(buy())).status).toBe(504);
    expect(placed()).toEqual(['order-1']);
  });

  it('answers -1007 after the order executed, or before', async () => {
    server.faults.add({ match: ORDER, fault: backendTimeout() });
    expect(await rejection(buy())).toMatchObject({
      status: 503,
      code: -1007,
      msg: BACKEND_TIMEOUT_MSG,
    });
    expect(placed()).toEqual(['order-1']);
    expect(server.balances(API_KEY).BTC.free).toBe('0.00099900');

    server.faults.add({ match: ORDER, fault: backendTimeout(false) });
    expect(await rejection(buy('order-2'))).toMatchObject({ code: -1007 });
    expect(placed()).toEqual(['order-1']);
  });

  it('executes a delayed order although the client timed out', async () => {
    server.faults.add({ match: ORDER, fault: { type: 'delay', ms: DELAY_MS, executeFirst: true } });
    expect(await transportFailure(buy('order-1', impatientSpot))).toBe('ECONNABORTED');
    expect(placed()).toEqual(['order-1']);
  });

  it('executes an order held in transit after the client gave up on it', async () => {
    server.faults.add({ match: ORDER, fault: { type: 'delay', ms: DELAY_MS } });
    expect(await transportFailure(buy('order-1', impatientSpot))).toBe('ECONNABORTED');
    expect(placed()).toEqual([]);
    await waitFor(async () => (placed().length > 0 ? true : undefined), 'the held order', 10_000);
    expect(placed()).toEqual(['order-1']);
  });

  it('drops the connection after executing, or before', async () => {
    server.faults.add({ match: ORDER, fault: { type: 'drop' } });
    expect(await transportFailure(buy())).toBe('ECONNRESET');
    expect(placed()).toEqual(['order-1']);
    expect(server.requests.at(-1)?.status).toBeNull();

    server.faults.add({ match: ORDER, fault: { type: 'drop', executeFirst: false } });
    expect(await transportFailure(buy('order-2'))).toBe('ECONNRESET');
    expect(placed()).toEqual(['order-1']);
  });

  it('keeps answering -2013 for a fresh order for a while', async () => {
    server.faults.lateNotFound({ clientOrderId: 'late', forMs: DELAY_MS });
    await buy('late');
    await buy('prompt');
    expect(await rejection(spot.getOrder('BTCUSDT', { origClientOrderId: 'late' }))).toMatchObject({
      code: -2013,
      msg: 'Order does not exist.',
    });
    expect((await spot.getOrder('BTCUSDT', { origClientOrderId: 'prompt' })).status).toBe(200);
    const found = await waitFor(
      () =>
        spot.getOrder('BTCUSDT', { origClientOrderId: 'late' }).then(
          (answer) => answer.data,
          () => undefined,
        ),
      'the late order',
      10_000,
      200,
    );
    expect(found).toMatchObject({
      clientOrderId: 'late',
      status: 'FILLED',
    });
  });

  it('matches faults by method, path and parameters, for the given number of requests', async () => {
    server.faults.add({
      match: { path: '/api/v3/klines', param: (p) => p.symbol === 'ETHUSDT' },
      times: 2,
      fault: { type: 'status', status: 503 },
    });
    expect((await spot.klines('BTCUSDT', '1m', { limit: 1 })).status).toBe(200);
    expect((await rejection(spot.klines('ETHUSDT', '1m', { limit: 1 }))).status).toBe(503);
    expect((await rejection(spot.klines('ETHUSDT', '1m', { limit: 1 }))).status).toBe(503);
    expect((await spot.klines('ETHUSDT', '1m', { limit: 1 })).status).toBe(200);

    server.faults.add({ times: Infinity, fault: { type: 'status', status: 500 } });
    expect(await rejection(spot.time())).toMatchObject({ status: 500, code: -1001 });
    expect((await rejection(spot.time())).status).toBe(500);
    server.faults.clear();
    expect((await spot.time()).status).toBe(200);
  });
});
