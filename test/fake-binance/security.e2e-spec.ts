import { createHmac } from 'node:crypto';
import { rejection, spotClient } from './connector-client';
import { FakeBinanceServer } from './fake-binance-server';
import { API_KEY, API_SECRET, testOptions } from './test-universe';

// The connector stamps signed requests with Date.now(), so the server keeps the real clock
// and skew is scripted as a fault.
describe('fake Binance request security', () => {
  let server: FakeBinanceServer;
  let baseURL: string;

  beforeEach(async () => {
    server = new FakeBinanceServer(testOptions());
    baseURL = await server.start();
  });

  afterEach(() => server.stop());

  const signedFetch = (query: string, sign: (payload: string) => string) =>
    fetch(`${baseURL}/api/v3/account?${query}&signature=${sign(query)}`, {
      headers: { 'X-MBX-APIKEY': API_KEY },
    });
  const hmac = (payload: string) => createHmac('sha256', API_SECRET).update(payload).digest('hex');

  it('accepts a request signed with the account secret', async () => {
    const account = await spotClient(baseURL, API_KEY, API_SECRET).account();
    expect(account.status).toBe(200);
    expect(server.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/api/v3/account',
      apiKey: API_KEY,
      status: 200,
      params: { timestamp: expect.any(String) },
    });
    expect(server.requests.at(-1)?.params).not.toHaveProperty('signature');
  });

  it('answers -1022 to a signature made with another secret or over other parameters', async () => {
    const wrongSecret = spotClient(baseURL, API_KEY, 'not-the-secret');
    expect(await rejection(wrongSecret.account())).toMatchObject({
      status: 400,
      code: -1022,
      msg: 'Signature for this request is not valid.',
    });
    const tampered = await signedFetch(`timestamp=${Date.now()}`, (payload) =>
      hmac(`${payload}&omitZeroBalances=true`),
    );
    expect(tampered.status).toBe(400);
    expect(await tampered.json()).toMatchObject({ code: -1022 });
  });

  it('takes HMAC signatures in either case, as Binance does', async () => {
    const query = `omitZeroBalances=true&timestamp=${Date.now()}`;
    const upper = await signedFetch(query, (payload) => hmac(payload).toUpperCase());
    expect(upper.status).toBe(200);
    expect(((await upper.json()) as { balances: unknown }).balances).toEqual([
      { asset: 'USDT', free: '1000.00000000', locked: '0.00000000' },
    ]);
  });

  it('answers 401 -2015 to an unknown key and 401 -2014 to a missing one', async () => {
    expect(await rejection(spotClient(baseURL, 'who-is-this', API_SECRET).account())).toMatchObject(
      {
        status: 401,
        code: -2015,
        msg: 'Invalid API-key, IP, or permissions for action.',
      },
    );
    expect(await rejection(spotClient(baseURL, '', API_SECRET).account())).toMatchObject({
      status: 401,
      code: -2014,
      msg: 'API-key format invalid.',
    });
  });

  it('answers -1021 while the clocks disagree by more than recvWindow, until the client allows for it', async () => {
    const spot = spotClient(baseURL, API_KEY, API_SECRET);
    server.faults.clockSkewMs = 10_000;
    expect(await rejection(spot.account())).toMatchObject({
      status: 400,
      code: -1021,
      msg: 'Timestamp for this request is outside of the recvWindow.',
    });
    // /api/v3/time tells the client how far off it is.
    const { serverTime } = (await spot.time()).data;
    expect(serverTime - Date.now()).toBeGreaterThan(9_000);
    expect((await spot.account({ recvWindow: 20_000 })).status).toBe(200);

    server.faults.clockSkewMs = -5_000;
    expect(await rejection(spot.account({ recvWindow: 20_000 }))).toMatchObject({
      code: -1021,
      msg: "Timestamp for this request was 1000ms ahead of the server's time.",
    });

    server.faults.clockSkewMs = 0;
    expect((await spot.account()).status).toBe(200);
  });

  it('refuses a recvWindow above 60000 and a missing timestamp', async () => {
    const spot = spotClient(baseURL, API_KEY, API_SECRET);
    expect(await rejection(spot.account({ recvWindow: 60_001 }))).toMatchObject({ code: -1102 });
    const unstamped = await signedFetch('omitZeroBalances=true', hmac);
    expect(await unstamped.json()).toEqual({
      code: -1102,
      msg: "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.",
    });
  });
});
