import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastClosedOpenTime } from '../../src/exchange/market-data/candle-history-spans';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { testOptions } from '../fake-binance/test-universe';
import { ensureBuiltCli, runCli } from '../utils/built-cli';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';
import { TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD } from '../utils/test-env';
import { waitFor } from '../utils/wait-for';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const START = Date.UTC(2026, 0, 1);
const RISK = { positionSizeQuote: '500', stopLossPct: '1', takeProfitPct: '2' };
const PARAMS = { emaFast: 3, emaSlow: 8, rsiPeriod: 5 };

interface Held {
  venue: string;
  symbol: string;
  interval: string;
  from: number;
  to: number;
  candles: number;
}

describe('Candle history', () => {
  let exchange: FakeBinanceServer;
  let testApp: TestApp;
  let auth: { Authorization: string };
  let admin: { Authorization: string };
  let venue: string;

  beforeAll(async () => {
    exchange = new FakeBinanceServer(testOptions());
    exchange.setPricePath('ETHUSDT', (step) => 3000 * (1 + 0.02 * Math.sin(step / 9)), {
      interval: '1m',
      startTime: START,
    });
    const baseUrl = await exchange.start();
    venue = new URL(baseUrl).host;
    testApp = await createTestApp({
      BINANCE_BASE_URL: baseUrl,
      RANGED_BACKTESTS_PER_MINUTE: '100',
    });
    const adminToken = await adminLogin(testApp.http);
    admin = { Authorization: `Bearer ${adminToken}` };
    const user = await createUser(testApp.http, adminToken);
    auth = { Authorization: `Bearer ${user.token}` };
  });

  afterAll(async () => {
    await testApp.close();
    await exchange.stop();
  });

  const klines = () => exchange.requests.filter((request) => request.path === '/api/v3/klines');
  const backtest = (startTime: number, endTime: number, symbol = 'ETHUSDT') =>
    testApp.http.post('/api/backtests').set(auth).send({
      strategy: 'ema-rsi',
      strategyParams: PARAMS,
      risk: RISK,
      symbol,
      interval: '1m',
      startTime,
      endTime,
    });
  const held = async (symbol: string, interval: string): Promise<Held[]> => {
    const { body } = await testApp.http.get('/api/candle-history').set(auth).expect(200);
    return (body as Held[]).filter(
      (span) => span.venue === venue && span.symbol === symbol && span.interval === interval,
    );
  };

  it('answers a ranged backtest run twice with one klines request, and the same report', async () => {
    exchange.requests.length = 0;
    const range = [START, START + 999 * MINUTE] as const;
    const first = await backtest(...range).expect(200);
    expect(klines()).toHaveLength(1);
    const second = await backtest(...range).expect(200);
    expect(klines()).toHaveLength(1);
    expect(second.body).toEqual(first.body);
    expect(first.body.equity).toHaveLength(1000);
    expect(await held('ETHUSDT', '1m')).toEqual([
      {
        venue,
        symbol: 'ETHUSDT',
        interval: '1m',
        from: START,
        to: START + 999 * MINUTE,
        candles: 1000,
      },
    ]);
  });

  it('fetches only the gap of a range partly held, and reports as if all were fetched', async () => {
    exchange.requests.length = 0;
    const extended = await backtest(START, START + 1499 * MINUTE).expect(200);
    expect(
      klines().map((request) => [Number(request.params.startTime), Number(request.params.endTime)]),
    ).toEqual([[START + 1000 * MINUTE, START + 1499 * MINUTE]]);
    expect(extended.body.equity).toHaveLength(1500);

    // The same candles straight from the exchange give the same report.
    const rows: unknown[][] = [];
    for (let from = START; from < START + 1500 * MINUTE; from += 1000 * MINUTE) {
      const page = await fetch(
        `${exchange.baseURL}/api/v3/klines?symbol=ETHUSDT&interval=1m&limit=1000&startTime=${from}&endTime=${START + 1499 * MINUTE}`,
      );
      rows.push(...((await page.json()) as unknown[][]));
    }
    const given = await testApp.http
      .post('/api/backtests')
      .set(auth)
      .send({
        strategy: 'ema-rsi',
        strategyParams: PARAMS,
        risk: RISK,
        filters: { stepSize: '0.0001', minQty: '0.0001', minNotional: '5' },
        candles: rows,
      })
      .expect(200);
    // Held exactly as the exchange wrote them, trailing zeros too.
    const stored: unknown[][] = await testApp.dataSource
      .query(
        `SELECT open_time::float8, open::text, high::text, low::text, close::text, volume::text,
              close_time::float8 FROM candle_history
       WHERE venue = $1 AND symbol = 'ETHUSDT' AND interval = '1m' AND open_time <= $2
       ORDER BY open_time`,
        [venue, START + 1499 * MINUTE],
      )
      .then((found: Record<string, unknown>[]) => found.map((row) => Object.values(row)));
    expect(stored).toEqual(rows.map((row) => row.slice(0, 7)));
    // Filters aside: the fetched run takes the exchange's, the given one these.
    expect({ ...extended.body, filters: undefined }).toEqual({ ...given.body, filters: undefined });
  });

  it('never stores the candle still forming', async () => {
    const before = Date.now();
    await backtest(before - 30 * MINUTE, before + HOUR).expect(200);
    const after = Date.now();
    const [{ newest }] = await testApp.dataSource.query(
      `SELECT max(open_time)::float8 AS newest FROM candle_history WHERE venue = $1 AND symbol = 'ETHUSDT' AND interval = '1m'`,
      [venue],
    );
    expect(newest).toBeGreaterThanOrEqual(lastClosedOpenTime('1m', before));
    expect(newest).toBeLessThanOrEqual(lastClosedOpenTime('1m', after));
    const [{ open }] = await testApp.dataSource.query(
      `SELECT count(*)::int AS open FROM candle_history WHERE venue = $1 AND close_time >= $2`,
      [venue, after],
    );
    expect(open).toBe(0);
  });

  it('downloads a range with progress, then only what it lacks', async () => {
    exchange.requests.length = 0;
    const body = {
      symbol: 'BTCUSDT',
      interval: '1h',
      startTime: START,
      endTime: START + 1999 * HOUR,
    };
    const started = await testApp.http
      .post('/api/candle-history/downloads')
      .set(auth)
      .send(body)
      .expect(202);
    expect(started.body).toMatchObject({ ...body, error: null, total: 2000 });
    expect(started.body.done).toBeGreaterThan(0);
    const done = await waitFor(async () => {
      const { body: state } = await testApp.http
        .get(`/api/candle-history/downloads/${started.body.id}`)
        .set(auth)
        .expect(200);
      return state.status === 'done' ? state : undefined;
    }, 'the download');
    expect(done).toMatchObject({ done: 2000, total: 2000, error: null });
    expect(klines()).toHaveLength(2);
    expect(await held('BTCUSDT', '1h')).toEqual([
      {
        venue,
        symbol: 'BTCUSDT',
        interval: '1h',
        from: START,
        to: START + 1999 * HOUR,
        candles: 2000,
      },
    ]);

    const again = await testApp.http
      .post('/api/candle-history/downloads')
      .set(auth)
      .send({ ...body, endTime: START + 2099 * HOUR })
      .expect(202);
    await waitFor(async () => {
      const { body: state } = await testApp.http
        .get(`/api/candle-history/downloads/${again.body.id}`)
        .set(auth);
      return state.status === 'done' ? state : undefined;
    }, 'the second download');
    expect(
      klines()
        .slice(2)
        .map((request) => Number(request.params.startTime)),
    ).toEqual([START + 2000 * HOUR]);

    // Another user's download is not theirs to see.
    await testApp.http.get(`/api/candle-history/downloads/${again.body.id}`).set(admin).expect(404);
  });

  it('answers 400 naming the field for a bad download, and for a symbol the exchange does not list', async () => {
    const post = (body: object) =>
      testApp.http.post('/api/candle-history/downloads').set(auth).send(body);
    const fields = async (body: object) =>
      (await post(body).expect(400)).body.errors as { field: string; reason: string }[];
    const range = { startTime: START, endTime: START + HOUR };
    expect(await fields({ symbol: 'BTCUSDT', interval: '1h' })).toEqual([
      { field: 'startTime', reason: 'is required' },
      { field: 'endTime', reason: 'is required' },
    ]);
    expect((await fields({ symbol: 'btc', interval: '1h', ...range }))[0].field).toBe('symbol');
    expect((await fields({ symbol: 'BTCUSDT', interval: '2m', ...range }))[0].field).toBe(
      'interval',
    );
    expect(
      await fields({ symbol: 'BTCUSDT', interval: '1h', startTime: START, endTime: START - HOUR }),
    ).toEqual([{ field: 'endTime', reason: `must not be before startTime (${START})` }]);
    expect(
      (
        await fields({
          symbol: 'BTCUSDT',
          interval: '1s',
          startTime: START,
          endTime: START + 2_000_000_000,
        })
      )[0],
    ).toMatchObject({
      field: 'endTime',
      reason: expect.stringMatching(/at most 1000000 a download$/),
    });
    expect(await fields({ symbol: 'NOPEUSDT', interval: '1h', ...range })).toEqual([
      { field: 'symbol', reason: 'is not listed on the exchange' },
    ]);
    await testApp.http.post('/api/candle-history/downloads').send({}).expect(401);
  });

  it('removes a range (admins only), keeping both ends held', async () => {
    const query = `symbol=BTCUSDT&interval=1h&startTime=${START + 100 * HOUR}&endTime=${START + 199 * HOUR}`;
    await testApp.http.delete(`/api/candle-history?${query}`).set(auth).expect(403);
    const bad = await testApp.http
      .delete(`/api/candle-history?symbol=BTCUSDT&interval=1h&startTime=${START}`)
      .set(admin)
      .expect(400);
    expect(bad.body.errors).toEqual([{ field: 'endTime', reason: 'is required with startTime' }]);
    const removed = await testApp.http
      .delete(`/api/candle-history?${query}`)
      .set(admin)
      .expect(200);
    expect(removed.body).toEqual({ removed: 100 });
    expect(
      (await held('BTCUSDT', '1h')).map(({ from, to, candles }) => [from, to, candles]),
    ).toEqual([
      [START, START + 99 * HOUR, 100],
      [START + 200 * HOUR, START + 2099 * HOUR, 1900],
    ]);
    const all = await testApp.http
      .delete('/api/candle-history?symbol=BTCUSDT&interval=1h')
      .set(admin)
      .expect(200);
    expect(all.body).toEqual({ removed: 2000 });
    expect(await held('BTCUSDT', '1h')).toEqual([]);
  });
});

describe('tradebotctl data download, ls, rm', () => {
  let exchange: FakeBinanceServer;
  let testApp: TestApp;
  let url: string;
  let dir: string;

  beforeAll(async () => {
    ensureBuiltCli();
    exchange = new FakeBinanceServer(testOptions());
    testApp = await createTestApp({ BINANCE_BASE_URL: await exchange.start() });
    const { port } = testApp.app.getHttpServer().address() as AddressInfo;
    url = `http://127.0.0.1:${port}`;
    dir = mkdtempSync(join(tmpdir(), 'tradebot-cli-data-'));
  });

  afterAll(async () => {
    await testApp.close();
    await exchange.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const ctl = (args: string[], input?: string) =>
    runCli(args, { env: { TRADEBOT_URL: url, XDG_CONFIG_HOME: dir }, input, cwd: dir });

  it('downloads with progress lines, lists what is held, and removes it', async () => {
    const login = await ctl(
      ['login', '--email', TEST_ADMIN_EMAIL, '--password-stdin'],
      `${TEST_ADMIN_PASSWORD}\n`,
    );
    expect(login.code).toBe(0);
    const venue = new URL(exchange.baseURL).host;

    const download = await ctl([
      'data',
      'download',
      'btcusdt',
      '1h',
      '--from',
      '2026-01-01',
      '--to',
      '2026-03-01',
    ]);
    expect(download).toMatchObject({ code: 0 });
    // 2026-01-01T00:00 to 2026-03-01T00:00: 59 days of hours, and the hour opening at the end.
    expect(download.stdout).toBe(
      'BTCUSDT 1h: 1,417 candle times held from 2026-01-01T00:00:00Z to 2026-03-01T00:00:00Z\n',
    );
    // Not a terminal: plain lines, no bar, ending at 100%.
    expect(download.stderr).toMatch(/^BTCUSDT 1h \d+% [\d,]+\/1,417\n/);
    expect(download.stderr).toMatch(/BTCUSDT 1h 100% 1,417\/1,417\n$/);
    expect(download.stderr).not.toContain('\r');

    const listed = await ctl(['data', 'ls', '--json']);
    expect(listed.code).toBe(0);
    const ours = (JSON.parse(listed.stdout) as Held[]).filter((span) => span.venue === venue);
    expect(ours).toEqual([
      {
        venue,
        symbol: 'BTCUSDT',
        interval: '1h',
        from: START,
        to: Date.UTC(2026, 2, 1),
        candles: 1417,
      },
    ]);
    const table = await ctl(['data', 'ls']);
    expect(table.stdout).toMatch(/^VENUE +SYMBOL +INTERVAL +FROM +TO +CANDLES\n/);
    expect(table.stdout).toContain(
      `${venue}  BTCUSDT  1h        2026-01-01T00:00:00Z  2026-03-01T00:00:00Z  1,417`,
    );

    const half = await ctl(['data', 'rm', 'BTCUSDT', '1h', '--from', '2026-02-01']);
    expect(half.code).toBe(2);
    const some = await ctl([
      'data',
      'rm',
      'BTCUSDT',
      '1h',
      '--from',
      '2026-02-01',
      '--to',
      '2026-02-01T23:00:00Z',
    ]);
    expect(some).toEqual({ code: 0, stdout: 'removed 24 BTCUSDT 1h candles\n', stderr: '' });
    const rest = await ctl(['data', 'rm', 'BTCUSDT', '1h', '--json']);
    expect(JSON.parse(rest.stdout)).toEqual({ removed: 1393 });
    const empty = JSON.parse((await ctl(['data', 'ls', '--json'])).stdout) as Held[];
    expect(empty.filter((span) => span.venue === venue)).toEqual([]);
  });
});
