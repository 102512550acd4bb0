import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { grouped } from '../../src/cli/numbers';
import { Trade } from '../../src/database/entities/trade.entity';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { testOptions } from '../fake-binance/test-universe';
import { walkRows } from '../factories/candle-rows';
import { ensureBuiltCli, runCli } from '../utils/built-cli';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';
import { TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD } from '../utils/test-env';
import { waitFor } from '../utils/wait-for';

/** A 12-second sine around 50,000: an EMA crossover every few seconds (paper-bot spec). */
const wave = (step: number) => 50_000 * (1 + 0.01 * Math.sin((2 * Math.PI * step) / 12));
const PARAMS = { emaFast: 2, emaSlow: 4, rsiPeriod: 2, rsiOverbought: 99.99, rsiOversold: 0.01 };

/**
 * tradebotctl against a running server, as a user runs it: the built CLI in a child
 * process, its token in a throwaway XDG_CONFIG_HOME, the server's URL in TRADEBOT_URL.
 */
describe('tradebotctl login, context, bots, status, backtest, users', () => {
  let exchange: FakeBinanceServer;
  let testApp: TestApp;
  let url: string;
  let dir: string;
  let adminConfig: string;

  beforeAll(async () => {
    ensureBuiltCli();
    exchange = new FakeBinanceServer(testOptions());
    exchange.setPricePath('BTCUSDT', wave, { interval: '1s' });
    // Cron on: a started bot ticks every second, as in production.
    testApp = await createTestApp({
      BINANCE_BASE_URL: await exchange.start(),
      CRON_ENABLED: 'true',
    });
    const { port } = testApp.app.getHttpServer().address() as AddressInfo;
    url = `http://127.0.0.1:${port}`;
    dir = mkdtempSync(join(tmpdir(), 'tradebot-cli-control-'));
    adminConfig = join(dir, 'admin');
  });

  afterAll(async () => {
    await testApp.close();
    await exchange.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const ctl = (args: string[], input?: string, config = adminConfig) =>
    runCli(args, { env: { TRADEBOT_URL: url, XDG_CONFIG_HOME: config }, input, cwd: dir });
  const tokenFile = (config: string) => join(config, 'tradebot', 'tokens.json');
  const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

  it('logs in with --password-stdin, saving the token 0600 and printing it nowhere', async () => {
    const before = await ctl(['bots', 'ls']);
    expect(before.code).toBe(1);
    expect(before.stderr).toContain(`error: not logged in to ${url}`);

    const wrong = await ctl(['login', '--email', TEST_ADMIN_EMAIL, '--password-stdin'], 'nope\n');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^error: .*\(HTTP 401\)\n$/);
    expect(() => statSync(tokenFile(adminConfig))).toThrow(/ENOENT/);

    const login = await ctl(
      ['login', '--email', TEST_ADMIN_EMAIL, '--password-stdin'],
      `${TEST_ADMIN_PASSWORD}\n`,
    );
    expect(login).toMatchObject({ code: 0, stderr: '' });
    expect(login.stdout).toBe(
      `logged in to ${url} as ${TEST_ADMIN_EMAIL} (token saved in ${tokenFile(adminConfig)})\n`,
    );
    expect(statSync(tokenFile(adminConfig)).mode & 0o777).toBe(0o600);
    const { accessToken } = JSON.parse(readFileSync(tokenFile(adminConfig), 'utf8')).servers[url];
    expect(accessToken).toMatch(/^ey/);
    expect(login.stdout + login.stderr).not.toContain(accessToken);

    const listed = await ctl(['bots', 'ls', '--json']);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    const viaApi = await testApp.http
      .get('/api/bots?limit=500')
      .set('Authorization', `Bearer ${accessToken}`)
      .expect(200);
    expect(JSON.parse(listed.stdout)).toEqual(viaApi.body.items);
  });

  it('logs out by revoking the token on the server, then forgetting it', async () => {
    const [config, otherConfig] = [join(dir, 'logout'), join(dir, 'other-session')];
    for (const folder of [config, otherConfig]) {
      const login = ['login', '--email', TEST_ADMIN_EMAIL, '--password-stdin'];
      expect((await ctl(login, `${TEST_ADMIN_PASSWORD}\n`, folder)).code).toBe(0);
    }
    const saved = () => JSON.parse(readFileSync(tokenFile(config), 'utf8')).servers[url];
    const { accessToken } = saved();
    const me = () =>
      testApp.http.get('/api/users/me').set('Authorization', `Bearer ${accessToken}`);
    await me().expect(200);

    const logout = await ctl(['logout'], undefined, config);
    expect(logout).toEqual({ code: 0, stdout: `logged out of ${url}\n`, stderr: '' });
    await me().expect(401);
    expect(saved()).toBeUndefined();
    expect((await ctl(['logout'], undefined, config)).stdout).toBe(`not logged in to ${url}\n`);
    // The admin's other session goes on.
    expect((await ctl(['bots', 'ls'], undefined, otherConfig)).code).toBe(0);
  });

  it('keeps the current server, and takes localhost and 127.0.0.1 for one login', async () => {
    const config = join(dir, 'context');
    // No TRADEBOT_URL: the server comes from --url, then from the context.
    const bare = (args: string[], input?: string) =>
      runCli(args, { env: { TRADEBOT_URL: '', XDG_CONFIG_HOME: config }, input, cwd: dir });
    const login = await bare(
      ['login', '--url', `${url}/`, '--email', TEST_ADMIN_EMAIL, '--password-stdin'],
      `${TEST_ADMIN_PASSWORD}\n`,
    );
    expect(login.code).toBe(0);
    expect(JSON.parse((await bare(['context', '--json'])).stdout)).toEqual({
      server: url,
      source: 'tradebotctl context',
      email: TEST_ADMIN_EMAIL,
    });
    expect((await bare(['bots', 'ls'])).code).toBe(0);
    const localhost = url.replace('127.0.0.1', 'localhost');
    const set = await bare(['context', 'set', `${localhost}/`]);
    expect(set).toEqual({ code: 0, stdout: `current server: ${localhost}\n`, stderr: '' });
    const viaLocalhost = await bare(['bots', 'ls', '--json']);
    expect(viaLocalhost).toMatchObject({ code: 0, stderr: '' });
    // The login saved under 127.0.0.1 is the current server's, now named localhost.
    expect((await bare(['context', 'list'])).stdout).toBe(
      `   SERVER${' '.repeat(url.length - 6)}  LOGGED IN AS\n*  ${url}  ${TEST_ADMIN_EMAIL}\n`,
    );
    const shell = await runCli(['context'], {
      env: { TRADEBOT_URL: 'http://127.0.0.1:1', XDG_CONFIG_HOME: config },
    });
    expect(shell.stdout).toMatch(/^server\s+http:\/\/127\.0\.0\.1:1$/m);
    expect(shell.stdout).toMatch(/^set by\s+TRADEBOT_URL$/m);
    expect(shell.stdout).toMatch(/^logged in\s+no \(tradebotctl login\)$/m);
  });

  it('creates a user as admin, who then logs in and runs a paper bot: create, ls, start, trades, stop, rm', async () => {
    const email = `cli-${Date.now()}@tradebot.test`;
    const added = await ctl(
      ['users', 'add', email, '--password-stdin'],
      'a long enough password\n',
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(new RegExp(`^created user ${email} \\([0-9a-f-]{36}\\)\\n$`));

    const userConfig = join(dir, 'user');
    const as = (args: string[], input?: string) => ctl(args, input, userConfig);
    expect(
      (await as(['login', '--email', email, '--password-stdin'], 'a long enough password')).code,
    ).toBe(0);

    const botFile = join(dir, 'bot.json');
    writeFileSync(
      botFile,
      JSON.stringify({
        name: 'cli wave rider',
        symbol: 'BTCUSDT',
        interval: '1s',
        mode: 'paper',
        strategy: 'ema-rsi',
        strategyParams: PARAMS,
        risk: { positionSizeQuote: '1000' },
      }),
    );
    // --param over the file's params, typed by the strategy's schema: a number, not "99.5".
    const created = await as([
      'bots',
      'create',
      '--file',
      botFile,
      '--param',
      'rsiOverbought=99.5',
      '--json',
    ]);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const bot = JSON.parse(created.stdout);
    expect(bot).toMatchObject({ name: 'cli wave rider', mode: 'paper', status: 'stopped' });
    expect(bot.strategyParams).toEqual({ ...PARAMS, rsiOverbought: 99.5 });

    const table = await as(['bots', 'ls']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(
      /^ID\s+NAME\s+SYMBOL\s+INTERVAL\s+MODE\s+STRATEGY\s+STATUS$/,
    );
    expect(table.stdout).toMatch(
      new RegExp(`${bot.id}\\s+cli wave rider\\s+BTCUSDT\\s+1s\\s+paper\\s+ema-rsi\\s+stopped`),
    );

    // A bot is named by its name or a unique prefix of its id, as well as by its id.
    const started = await as(['bots', 'start', 'cli wave rider']);
    expect(started).toMatchObject({ code: 0, stdout: `bot ${bot.id}: pending\n` });
    const trades = () =>
      testApp.dataSource
        .getRepository(Trade)
        .find({ where: { botId: bot.id }, order: { time: 'ASC' } });
    await waitFor(async () => ((await trades()).length > 0 ? true : undefined), 'a first fill');

    const shown = await as(['bots', 'show', bot.id.slice(0, 8)]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^status\s+running/m);
    expect(shown.stdout).toMatch(/^market\s+BTCUSDT 1s \(paper\)$/m);
    expect(shown.stdout).toMatch(/^realized pnl\s+-?\d{1,3}(,\d{3})*\.\d{2} USDT$/m);
    expect(shown.stdout).toMatch(/^balances\s+\d{1,3}(,\d{3})*\.\d{2} USDT, [\d.]+ BTC$/m);
    const unknown = await as(['bots', 'show', 'no such bot']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(
      'error: no bot is named no such bot or has an id starting with it\n' +
        `  your bots:\n  ${bot.id}  cli wave rider\n`,
    );
    const listedTrades = await as(['bots', 'trades', bot.id, '--json']);
    expect(listedTrades.code).toBe(0);
    const page = JSON.parse(listedTrades.stdout);
    expect(page.total).toBeGreaterThanOrEqual(1);
    expect(page.items.at(-1)).toMatchObject({ side: 'BUY', mode: 'paper', symbol: 'BTCUSDT' });

    const stillRunning = await as(['bots', 'rm', bot.id]);
    expect(stillRunning.code).toBe(1);
    expect(stillRunning.stderr).toMatch(/^error: .*\(HTTP 409\)\n$/);

    // A fill in flight at that moment makes the stop wait for it: the answer says so.
    const stopped = await as(['bots', 'stop', bot.id, '--close']);
    expect(stopped).toMatchObject({ code: 0, stderr: '' });
    expect(stopped.stdout).toMatch(
      new RegExp(
        `^bot ${bot.id}: (stopped|running: stops, selling the position, once order \\S+ settles)\n$`,
      ),
    );
    await waitFor(async () => {
      const shownNow = await as(['bots', 'show', bot.id]);
      return /^status\s+stopped/m.test(shownNow.stdout) ? true : undefined;
    }, 'the bot stopped');
    // A position open at the stop is sold with reason manual; none open, none sold.
    const fills = await waitFor(async () => {
      const all = await trades();
      return all.at(-1)?.side === 'SELL' ? all : undefined;
    }, 'the position closed');
    expect(fills.at(-1)!.side).toBe('SELL');
    const tradeTable = await as(['bots', 'trades', bot.id]);
    expect(tradeTable.stdout.split('\n')[0]).toMatch(
      /^TIME\s+SIDE\s+PRICE\s+QTY\s+VALUE\s+FEE\s+PNL\s+REASON$/,
    );
    // Rounded as the dashboard rounds: prices and values to cents, with the asset named.
    const money = String.raw`-?\d{1,3}(?:,\d{3})*\.\d{2}`;
    expect(tradeTable.stdout).toMatch(
      new RegExp(
        `\\sSELL\\s+${money}\\s+[\\d.]+\\s+${money} USDT\\s+${money} USDT\\s+${money} USDT`,
      ),
    );
    expect(tradeTable.stdout).toMatch(
      new RegExp(`^${fills.length} of ${fills.length} trades$`, 'm'),
    );

    const removed = await as(['bots', 'rm', bot.id]);
    expect(removed).toMatchObject({ code: 0, stdout: `deleted bot ${bot.id}\n` });
    const gone = await as(['bots', 'show', bot.id]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^error: .*\(HTTP 404\)\n$/);
  });

  it("prints an external-signal bot's passphrase when it is created, and a new one that replaces it", async () => {
    const botFile = join(dir, 'signal-bot.json');
    writeFileSync(
      botFile,
      JSON.stringify({
        name: 'cli signals',
        symbol: 'BTCUSDT',
        interval: '1m',
        mode: 'paper',
        strategy: 'external-signal',
        risk: { positionSizeQuote: '100' },
      }),
    );
    const created = await ctl(['bots', 'create', '--file', botFile]);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const id = /^created bot (\S+) \(cli signals\): stopped$/m.exec(created.stdout)![1];
    expect(created.stdout).toMatch(new RegExp(`^bot id\\s+${id}$`, 'm'));
    expect(created.stdout).toMatch(new RegExp(`^webhook URL\\s+${url}/api/signals$`, 'm'));
    expect(created.stdout).toMatch(/^the passphrase is shown this once/m);
    const passphrase = (stdout: string) => /^signal passphrase\s+(\S+)$/m.exec(stdout)![1];
    const first = passphrase(created.stdout);
    // The bot is stopped: a passphrase that passes is answered 409, one that does not 401.
    const signal = (phrase: string) =>
      testApp.http
        .post('/api/signals')
        .send({ botId: id, passphrase: phrase, action: 'buy', id: `cli-${phrase}` });
    await signal(first).expect(409);

    const rotated = await ctl(['bots', 'signal-passphrase', 'cli signals']);
    expect(rotated).toMatchObject({ code: 0, stderr: '' });
    expect(rotated.stdout).toMatch(
      new RegExp(`^new signal passphrase for bot ${id}: the old one no longer works$`, 'm'),
    );
    const second = passphrase(rotated.stdout);
    expect(second).not.toBe(first);
    await signal(first).expect(401);
    await signal(second).expect(409);
  });

  it('prints each field error of a refused request on its own line, with no stack trace', async () => {
    const botFile = join(dir, 'bad-bot.json');
    writeFileSync(
      botFile,
      JSON.stringify({
        name: 'bad',
        symbol: 'btc',
        interval: '7m',
        mode: 'paper',
        strategy: 'ema-rsi',
        risk: {},
      }),
    );
    const refused = await ctl(['bots', 'create', '--file', botFile]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    const lines = refused.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('error: Bad Request (HTTP 400)');
    expect(lines.slice(1)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ {2}symbol: /),
        expect.stringMatching(/^ {2}interval: /),
        expect.stringMatching(/^ {2}risk\.positionSizeQuote: /),
      ]),
    );
    noStack(refused.stderr);
  });

  it('shows the health and the bots by status, and exits 1 when the server cannot be reached', async () => {
    const status = await ctl(['status']);
    expect(status).toMatchObject({ code: 0, stderr: '' });
    expect(status.stdout).toMatch(new RegExp(`^server\\s+${url}$`, 'm'));
    expect(status.stdout).toMatch(/^health\s+ok: postgres up, redis up$/m);
    expect(status.stdout).toMatch(/^bots\s+.*\(all users\)$/m);
    const json = JSON.parse((await ctl(['status', '--json'])).stdout);
    expect(json).toMatchObject({
      server: url,
      health: { status: 'ok' },
      bots: { scope: 'all users' },
    });

    // A port just freed: nothing listens there.
    const probe = createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const closed = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise((resolve) => probe.close(resolve));
    const down = await runCli(['status', '--url', closed], {
      env: { XDG_CONFIG_HOME: adminConfig },
    });
    expect(down.code).toBe(1);
    expect(down.stderr).toBe(`error: cannot reach ${closed}: ECONNREFUSED\n`);
  });

  it('backtests a CSV of kline rows, printing the metrics the API computes', async () => {
    const start = Date.UTC(2026, 0, 1);
    const rows = walkRows(start, 3000);
    const csv = join(dir, 'klines.csv');
    writeFileSync(
      csv,
      'open_time,open,high,low,close,volume,close_time\n' +
        rows.map((row) => [...row, '0', '0'].join(',')).join('\n') +
        '\n',
    );
    const args = [
      'backtest',
      '--csv',
      csv,
      '--strategy',
      'ema-rsi',
      '--param',
      'emaFast=3',
      '--param',
      'emaSlow=8',
    ];
    const printed = await ctl([
      ...args,
      '--risk',
      'positionSizeQuote=500',
      '--risk',
      'stopLossPct=1',
    ]);
    expect(printed.stderr).toBe('');
    expect(printed.code).toBe(0);

    const expected = await testApp.http
      .post('/api/backtests')
      .set('Authorization', `Bearer ${await adminLogin(testApp.http)}`)
      .send({
        strategy: 'ema-rsi',
        strategyParams: { emaFast: 3, emaSlow: 8 },
        risk: { positionSizeQuote: '500', stopLossPct: '1' },
        candles: rows,
      })
      .expect(200);
    const { metrics } = expected.body;
    expect(metrics.roundTrips).toBeGreaterThan(0);
    expect(printed.stdout).toMatch(/^candles\s+3000$/m);
    expect(printed.stdout).toMatch(new RegExp(`^trades\\s+${expected.body.trades.length}$`, 'm'));
    expect(printed.stdout).toMatch(new RegExp(`^round trips\\s+${metrics.roundTrips}$`, 'm'));
    // The table rounds to cents; --json below keeps the exact decimals.
    expect(printed.stdout).toMatch(
      new RegExp(`^final equity\\s+${grouped(metrics.finalEquity, 2)}$`, 'm'),
    );
    expect(printed.stdout).toMatch(
      new RegExp(`^max drawdown %\\s+${grouped(metrics.maxDrawdownPct, 2)}$`, 'm'),
    );
    expect(printed.stdout).toMatch(
      new RegExp(`^skipped by protections\\s+${metrics.skippedByProtections}$`, 'm'),
    );

    const json = await ctl([
      ...args,
      '--risk',
      'positionSizeQuote=500',
      '--risk',
      'stopLossPct=1',
      '--json',
    ]);
    expect(JSON.parse(json.stdout)).toEqual(expected.body);
  });

  it('backtests a seeded simulated series without the exchange, saying it is simulated', async () => {
    const args = ['backtest', '--simulated', '--symbol', 'btcusdt', '--interval', '1h'];
    const range = ['--from', '2026-01-01', '--to', '2026-01-10', '--seed', '7'];
    const printed = await ctl([...args, ...range, '--strategy', 'ema-rsi']);
    expect(printed).toMatchObject({ code: 0, stderr: '' });
    expect(printed.stdout).toMatch(
      /^simulated data, not market prices: BTCUSDT 1h from [\d,]+\.\d{2}, seed 7\n/,
    );
    // Both ends included: nine days and an hour of 1h candles.
    expect(printed.stdout).toMatch(/^candles\s+217$/m);

    const usage = await ctl([...args, '--from', '2026-01-01', '--strategy', 'ema-rsi']);
    expect(usage).toMatchObject({ code: 2, stderr: 'error: --simulated needs --to\n' });
  });

  it('lists the strategies, their source and params with defaults, as a table or JSON', async () => {
    const table = await ctl(['strategies']);
    expect(table).toMatchObject({ code: 0, stderr: '' });
    const [header, ...rows] = table.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^KEY\s+SOURCE\s+DESCRIPTION\s+PARAMS$/);
    expect(rows.find((row) => row.startsWith('ema-rsi '))).toMatch(
      /^ema-rsi\s+built-in\s+.+\s+emaFast=12 \(integer ≥ 2 ≤ 1000\), emaSlow=26 .*rsiOversold=30 \(number > 0 < 100\)$/,
    );

    const json = await ctl(['strategies', '--json']);
    const listed = await testApp.http
      .get('/api/strategies')
      .set('Authorization', `Bearer ${await adminLogin(testApp.http)}`)
      .expect(200);
    expect(JSON.parse(json.stdout)).toEqual(listed.body);
    expect(rows).toHaveLength(listed.body.length);
  });

  it("resets a password in the database without the server, ending the account's sessions", async () => {
    const user = await createUser(testApp.http, await adminLogin(testApp.http));
    const me = (token: string) =>
      testApp.http.get('/api/users/me').set('Authorization', `Bearer ${token}`);
    await me(user.token).expect(200);
    const reset = (args: string[], input?: string) =>
      runCli(['users', 'reset-password', ...args], {
        env: { DATABASE_URL: testApp.config.databaseUrl!, XDG_CONFIG_HOME: adminConfig },
        input,
      });

    const made = await reset([user.email.toUpperCase()]);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const [, password] = /^new password \(shown only this once\): (\S+)$/m.exec(made.stdout)!;
    expect(made.stdout).toMatch(new RegExp(`^password of user ${user.email} reset in \\S+; `));
    await me(user.token).expect(401);
    const login = (pw: string) =>
      testApp.http.post('/api/auth/login').send({ email: user.email, password: pw });
    const { accessToken } = (await login(password).expect(201)).body;

    const chosen = await reset([user.email, '--password-stdin'], 'chosen by the operator\n');
    expect(chosen).toMatchObject({ code: 0, stderr: '' });
    expect(chosen.stdout).not.toContain('new password');
    await me(accessToken).expect(401);
    await login('chosen by the operator').expect(201);

    const short = await reset([user.email, '--password-stdin'], 'short\n');
    expect(short.code).toBe(2);
    expect(short.stderr).toBe(
      'error: the new password is refused: password must be longer than or equal to 8 characters\n',
    );
    const unknown = await reset(['nobody@tradebot.test']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /^error: no account nobody@tradebot\.test in \S+\n {2}admins there: /,
    );
    await login('chosen by the operator').expect(201);
  });

  it('names the CSV line of a candle the API refuses, and refuses wrong usage with exit 2', async () => {
    const csv = join(dir, 'bad-klines.csv');
    const rows = walkRows(Date.UTC(2026, 0, 1), 100).map((row) => row.join(','));
    // Row 40 is on line 42 (a header, then rows from line 2): high below low.
    rows[40] = rows[40].replace(/^(\d+),([^,]+),([^,]+),([^,]+)/, '$1,$2,1,$4');
    writeFileSync(csv, `open_time,open,high,low,close,volume,close_time\n${rows.join('\n')}\n`);
    const refused = await ctl(['backtest', '--csv', csv, '--strategy', 'ema-rsi']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^ {2}line 42 \(candles\[40\]\): /m);
    noStack(refused.stderr);

    const noCsv = await ctl(['backtest', '--strategy', 'ema-rsi']);
    expect(noCsv.code).toBe(2);
    expect(noCsv.stderr).toBe('error: give --csv FILE or --simulated, one of them\n');
    const badParam = await ctl([
      'backtest',
      '--csv',
      csv,
      '--strategy',
      'ema-rsi',
      '--param',
      'emaFast',
    ]);
    expect(badParam.code).toBe(2);
    expect(badParam.stderr).toContain('--param emaFast: expected key=value');
    const noTerminal = await ctl(['login', '--email', TEST_ADMIN_EMAIL]);
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toContain('--password-stdin');
  });
});
