import type { Spot } from '@binance/connector';
import { rejection, spotClient } from './connector-client';
import { FakeBinanceServer } from './fake-binance-server';
import { ManualClock } from './manual-clock';
import { testOptions } from './test-universe';

// 10 s into a minute: the weight window resets in 50 s.
const T = Date.UTC(2025, 0, 6, 12, 0, 10);

describe('fake Binance request weight, 429 and 418', () => {
  let clock: ManualClock;
  let server: FakeBinanceServer;
  let spot: Spot;

  beforeEach(async () => {
    clock = new ManualClock(T);
    server = new FakeBinanceServer(
      testOptions({ now: clock.now, weightLimit: 10, banAfterRequests: 2, banMs: 120_000 }),
    );
    spot = spotClient(await server.start());
  });

  afterEach(() => server.stop());

  const klines = () => spot.klines('BTCUSDT', '1m', { limit: 5 });
  const statuses = () => server.requests.map((r) => r.status);

  it('counts request weight per minute in X-MBX-USED-WEIGHT-1M', async () => {
    expect((await spot.time()).headers['x-mbx-used-weight-1m']).toBe('1');
    expect((await klines()).headers['x-mbx-used-weight-1m']).toBe('3');
    const ticker = await spot.tickerPrice('BTCUSDT');
    expect(ticker.headers['x-mbx-used-weight-1m']).toBe('5');
    expect(ticker.headers['x-mbx-used-weight']).toBe('5');
    expect(server.usedWeight()).toBe(5);

    clock.advance(50_000);
    expect((await spot.time()).headers['x-mbx-used-weight-1m']).toBe('1');
  });

  it('answers 429 with Retry-After past the limit, and nothing once the window resets', async () => {
    for (let i = 0; i < 5; i++) await klines();
    const limited = await rejection(klines());
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('50');
    expect(limited.headers['x-mbx-used-weight-1m']).toBe('12');
    expect(limited).toMatchObject({
      code: -1003,
      msg: 'Too many requests; current limit of IP(127.0.0.1) request weight per minute is 10. Please use WebSocket Streams for live updates to avoid bans.',
    });

    clock.advance(50_000);
    expect((await klines()).headers['x-mbx-used-weight-1m']).toBe('2');
    expect(statuses()).toEqual([200, 200, 200, 200, 200, 429, 200]);
  });

  it('bans a client that keeps sending after a 429 with 418, doubling repeat bans', async () => {
    for (let i = 0; i < 5; i++) await klines();
    expect((await rejection(klines())).status).toBe(429);
    expect((await rejection(klines())).status).toBe(429);
    const banned = await rejection(klines());
    expect(banned.status).toBe(418);
    expect(banned.headers['retry-after']).toBe('120');
    expect(banned.code).toBe(-1003);
    expect(banned.msg).toContain(`IP banned until ${T + 120_000}`);

    // Every request during the ban is refused, whatever its weight.
    clock.advance(100_000);
    const stillBanned = await rejection(spot.time());
    expect(stillBanned).toMatchObject({ status: 418 });
    expect(stillBanned.headers['retry-after']).toBe('20');

    clock.advance(20_000);
    expect((await klines()).status).toBe(200);
    expect(statuses()).toEqual([200, 200, 200, 200, 200, 429, 429, 418, 418, 200]);
    expect(server.requests.filter((r) => r.path === '/api/v3/klines')).toHaveLength(9);

    for (let i = 0; i < 4; i++) await klines();
    await rejection(klines());
    await rejection(klines());
    const again = await rejection(klines());
    expect(again.status).toBe(418);
    expect(again.headers['retry-after']).toBe('240');
  });
});
