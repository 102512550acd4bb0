import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { BacktestPool } from '../../src/backtest/pool/backtest-pool.service';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { testOptions } from '../fake-binance/test-universe';
import { walkRows } from '../factories/candle-rows';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';
import { waitFor } from '../utils/wait-for';

const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 1);
const RISK = { positionSizeQuote: '500' };
/** A range of one klines page. */
const RANGE = {
  symbol: 'BTCUSDT',
  interval: '1m',
  startTime: START,
  endTime: START + 199 * MINUTE,
};

interface User {
  token: string;
}

/** A backtest upload whose head is sent and whose body never is: it holds a place if it gets one. */
class HeldUpload {
  /** Every upload not yet closed, so a failed test leaves no connection to hold the app open. */
  static readonly open = new Set<HeldUpload>();
  readonly answer: Promise<{ status: number; head: string; body: string }>;
  private readonly socket: Socket;

  constructor(port: number, { token }: User) {
    HeldUpload.open.add(this);
    this.socket = connect(port, '127.0.0.1');
    let received = '';
    this.answer = new Promise((resolve) => {
      this.socket.setEncoding('utf8');
      this.socket.on('data', (chunk: string) => {
        received += chunk;
        const [head, body = ''] = received.split('\r\n\r\n');
        const length = /content-length: (\d+)/i.exec(head);
        if (length && Buffer.byteLength(body) >= Number(length[1])) {
          resolve({ status: Number(head.split(' ')[1]), head, body });
        }
      });
      this.socket.on('error', () => undefined);
    });
    // 50 MB announced; not a byte of it is ever written.
    this.socket.write(
      'POST /api/backtests HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
        `Authorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
        'Content-Length: 50000000\r\n\r\n',
    );
  }

  close(): void {
    HeldUpload.open.delete(this);
    this.socket.destroy();
  }
}

describe('per-user limits and places, before a body is read', () => {
  let fake: FakeBinanceServer;
  let testApp: TestApp;
  let port: number;
  let reserved: number;
  let adminToken: string;

  beforeAll(async () => {
    fake = new FakeBinanceServer(testOptions());
    testApp = await createTestApp({
      BINANCE_BASE_URL: await fake.start(),
      BACKTEST_CONCURRENCY: '1',
      BACKTEST_QUEUE: '2',
      BACKTESTS_PER_USER: '2',
      RANGED_BACKTESTS_PER_MINUTE: '2',
      CANDLE_REQUESTS_PER_MINUTE: '3',
    });
    port = (testApp.app.getHttpServer().address() as AddressInfo).port;
    adminToken = await adminLogin(testApp.http);
    // Counts the places given, to know when a held upload has one.
    const pool = testApp.app.get(BacktestPool);
    const reserve = pool.reserve.bind(pool);
    reserved = 0;
    pool.reserve = (userId) => {
      const place = reserve(userId);
      reserved++;
      return place;
    };
  });

  afterEach(() => {
    for (const upload of HeldUpload.open) upload.close();
  });

  afterAll(async () => {
    await testApp.close();
    await fake.stop();
  });

  const newUser = () => createUser(testApp.http, adminToken);
  const backtest = (user: User, body: object) =>
    testApp.http.post('/api/backtests').set('Authorization', `Bearer ${user.token}`).send(body);
  const withCandles = { strategy: 'ema-rsi', risk: RISK, candles: walkRows(START, 100) };
  const ranged = { strategy: 'ema-rsi', risk: RISK, ...RANGE };

  async function holdPlaces(user: User, count: number): Promise<HeldUpload[]> {
    const held: HeldUpload[] = [];
    for (let i = 0; i < count; i++) {
      const before = reserved;
      held.push(new HeldUpload(port, user));
      await waitFor(
        async () => (reserved > before ? true : undefined),
        'a place for the upload',
        10_000,
      );
    }
    return held;
  }

  async function refusedAtOnce(user: User): Promise<{ retryAfter: number; message: string }> {
    const upload = new HeldUpload(port, user);
    let timer: NodeJS.Timeout | undefined;
    const answer = await Promise.race([
      upload.answer,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no answer without the body')), 10_000);
      }),
    ]).finally(() => {
      clearTimeout(timer);
      upload.close();
    });
    expect(answer.status).toBe(429);
    const retryAfter = /retry-after: (\d+)/i.exec(answer.head);
    expect(retryAfter).not.toBeNull();
    const body = JSON.parse(answer.body) as { statusCode: number; message: string };
    expect(body.statusCode).toBe(429);
    return { retryAfter: Number(retryAfter![1]), message: body.message };
  }

  it("answers 429 before reading the body when the user's backtests or every place are taken", async () => {
    const [ann, bob, carl] = [await newUser(), await newUser(), await newUser()];
    const annHeld = await holdPlaces(ann, 2);
    const annRefused = await refusedAtOnce(ann);
    expect(annRefused.retryAfter).toBeGreaterThanOrEqual(1);
    expect(annRefused.message).toMatch(/^you have 2 backtests running or waiting/);

    // Bob is not held back by Ann's share; the last place is his.
    const [bobHeld] = await holdPlaces(bob, 1);
    expect((await refusedAtOnce(carl)).message).toMatch(/^every backtest place is taken \(3\)/);

    // A client gone gives its place back.
    annHeld[0].close();
    const answered = await waitFor(async () => {
      const response = await backtest(ann, withCandles);
      return response.status === 429 ? undefined : response;
    }, "Ann's place to be given back");
    expect(answered.status).toBe(200);
    for (const upload of [annHeld[1], bobHeld]) upload.close();
    await waitFor(
      async () => ((await backtest(carl, withCandles)).status === 200 ? true : undefined),
      'every place to be given back',
    );
  });

  it('limits ranged backtests per user a minute, not backtests over candles sent', async () => {
    const [ann, bob] = [await newUser(), await newUser()];
    await backtest(ann, ranged).expect(200);
    await backtest(ann, ranged).expect(200);
    const refused = await backtest(ann, ranged).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.body.message).toMatch(/^at most 2 ranged backtests a minute per user; retry in/);
    await backtest(ann, withCandles).expect(200);
    await backtest(bob, ranged).expect(200);

    // A symbol the exchange does not list costs no exchangeInfo (trading weight) to find out.
    fake.requests.length = 0;
    const unlisted = await backtest(bob, { ...ranged, symbol: 'NOPEUSDT' }).expect(400);
    expect(unlisted.body.errors).toEqual([
      { field: 'symbol', reason: 'is not listed on the exchange' },
    ]);
    expect(fake.requests.map((request) => request.path)).toEqual(['/api/v3/klines']);
  });

  it('limits GET /api/market/candles per user a minute', async () => {
    const [ann, bob] = [await newUser(), await newUser()];
    const candles = (user: User) =>
      testApp.http
        .get('/api/market/candles?symbol=BTCUSDT&interval=1m&limit=5')
        .set('Authorization', `Bearer ${user.token}`);
    for (let i = 0; i < 3; i++) await candles(ann).expect(200);
    const refused = await candles(ann).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.body).toMatchObject({
      statusCode: 429,
      message: expect.stringMatching(/^at most 3 candle requests a minute per user/),
    });
    await candles(bob).expect(200);
  });
});

describe('the Binance weight budget above the trading reserve, for charts and backtests', () => {
  let fake: FakeBinanceServer;
  let testApp: TestApp;
  let user: User;

  beforeAll(async () => {
    fake = new FakeBinanceServer(testOptions());
    testApp = await createTestApp({
      BINANCE_BASE_URL: await fake.start(),
      BINANCE_WEIGHT_BUDGET: '100',
      BINANCE_TRADING_RESERVE: '60',
      CANDLE_REQUESTS_PER_MINUTE: '1000',
      RANGED_BACKTESTS_PER_MINUTE: '1000',
    });
    user = await createUser(testApp.http, await adminLogin(testApp.http));
  });

  afterAll(async () => {
    await testApp.close();
    await fake.stop();
  });

  const get = (query: string) =>
    testApp.http.get(`/api/market/candles?${query}`).set('Authorization', `Bearer ${user.token}`);

  it('answers a range 429 with Retry-After once its share is spent, while the bots’ window is still served', async () => {
    // Each request a range of its own, before RANGE: a range the candle history holds costs
    // no weight.
    const range = (i: number) =>
      `symbol=BTCUSDT&interval=1m&limit=5&startTime=${RANGE.startTime - (i + 1) * 1000 * MINUTE}` +
      `&endTime=${RANGE.startTime - i * 1000 * MINUTE - MINUTE}`;
    // All within one weight minute, or a new one would serve 20 more.
    const left = MINUTE - (Date.now() % MINUTE);
    if (left < 15_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
    let served = 0;
    let refused: Awaited<ReturnType<typeof get>> | undefined;
    // 40 weight above the reserve, 2 a request: within a minute, at most 20 are served.
    for (let i = 0; i < 45 && !refused; i++) {
      const response = await get(range(i));
      if (response.status === 429) refused = response;
      else {
        expect(response.status).toBe(200);
        served++;
      }
    }
    expect(refused).toBeDefined();
    expect(served).toBeLessThanOrEqual(20);
    const retryAfter = Number(refused!.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused!.body.message).toMatch(
      /^the Binance weight above the trading reserve is spent for another \d+ s; retry in/,
    );
    const backtest = await testApp.http
      .post('/api/backtests')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ strategy: 'ema-rsi', risk: RISK, ...RANGE })
      .expect(429);
    expect(backtest.body.message).toMatch(/above the trading reserve/);

    // The window the bots tick on is trading: it draws on the reserve.
    const latest = await get('symbol=ETHUSDT&interval=1m&limit=5').expect(200);
    expect(latest.body.candles).toHaveLength(5);
  });
});
