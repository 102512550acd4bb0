import {
  chmodSync,
  chownSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { APP_ROLE } from '../../src/database/embedded/app-role';
import { TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD } from '../utils/test-env';
import { type AppProcess, startAppProcess } from './app-process';

/** The initdb superuser: an operator's way in, never the app's. */
const SUPERUSER = 'tradebot';

/**
 * DATA_DIR holds the keys and the database, so the app trusts it only when no one else can
 * change it; and the app itself reaches its database as a role that is no superuser.
 */
describe('a private DATA_DIR and a database role of its own, as a process', () => {
  const dataDirs: string[] = [];
  const running: AppProcess[] = [];
  const newDataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradebot-private-'));
    dataDirs.push(dir);
    return dir;
  };
  const refusal = async (dataDir: string) => {
    const failed = await startAppProcess(dataDir, { expectFailure: true });
    expect(failed.exitCode).toBe(1);
    return failed.stderr.trim().split('\n');
  };

  afterEach(async () => {
    for (const app of running.splice(0)) await app.stop('SIGTERM');
  });
  afterAll(() => {
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a DATA_DIR its group can write, in one line with the fix, touching nothing', async () => {
    const dataDir = newDataDir();
    chmodSync(dataDir, 0o770);
    expect(await refusal(dataDir)).toEqual([
      `tradebot: DATA_DIR ${dataDir} is writable by its group (mode 0770): chmod go-w ${dataDir}`,
    ]);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  (process.getuid?.() === 0 ? it : it.skip)("refuses another user's DATA_DIR", async () => {
    const dataDir = newDataDir();
    chownSync(dataDir, 65534, 65534);
    expect(await refusal(dataDir)).toEqual([
      `tradebot: DATA_DIR ${dataDir} is owned by uid 65534, not by uid 0 that runs tradebot: ` +
        `chown 0 ${dataDir}`,
    ]);
  });

  it('refuses a key file others can read before it starts the database', async () => {
    const dataDir = newDataDir();
    const key = join(dataDir, 'credentials.key');
    writeFileSync(key, 'ab'.repeat(32), { mode: 0o644 });
    chmodSync(key, 0o644);
    expect(await refusal(dataDir)).toEqual([
      `tradebot: ${key} is open to its group and others (mode 0644): chmod 600 ${key}`,
    ]);
    expect(readdirSync(dataDir).sort()).toEqual(['credentials.key', 'jwt-secret.key']);
  });

  it('connects as an owner that is no superuser, and takes over an earlier version’s data', async () => {
    const dataDir = newDataDir();
    const first = await startAppProcess(dataDir);
    running.push(first);
    expect(await appSessions(first, dataDir)).toEqual([{ role: APP_ROLE, superuser: false }]);
    expect(await notTheAppRoles(dataDir)).toEqual([]);
    expect(statSync(join(dataDir, 'postgres-app.password')).mode & 0o777).toBe(0o600);

    const token = await first.login(TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
    const created = await first.post('/api/users', token, {
      email: 'earlier@tradebot.test',
      password: 'earlier-user-password',
    });
    expect(created.status).toBe(201);
    // What an earlier version left: everything the superuser's, no app role, no password file.
    await asSuperuser(dataDir, async (client) => {
      await client.query(`REASSIGN OWNED BY ${APP_ROLE} TO ${SUPERUSER}`);
      await client.query(`DROP OWNED BY ${APP_ROLE}`);
      await client.query(`DROP ROLE ${APP_ROLE}`);
    });
    expect(await notTheAppRoles(dataDir)).toContain('database tradebot');
    expect(await notTheAppRoles(dataDir)).toContain('table migrations');
    await first.stop('SIGTERM');
    unlinkSync(join(dataDir, 'postgres-app.password'));

    const upgraded = await startAppProcess(dataDir);
    running.push(upgraded);
    expect(upgraded.output()).toMatch(/\d+ tables and types of an earlier version now belong to/);
    expect(await notTheAppRoles(dataDir)).toEqual([]);
    expect(await appSessions(upgraded, dataDir)).toEqual([{ role: APP_ROLE, superuser: false }]);
    await upgraded.login('earlier@tradebot.test', 'earlier-user-password');
  });
});

async function asSuperuser<T>(dataDir: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({
    host: join(dataDir, 'postgres'),
    user: SUPERUSER,
    database: 'tradebot',
    password: readFileSync(join(dataDir, 'postgres.password'), 'utf8').trim(),
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The roles of the app's own connections to its database, seen by the server. */
async function appSessions(app: AppProcess, dataDir: string) {
  // A health check queries the database: the pool holds a connection for a while after.
  expect((await app.get('/health')).body.database.status).toBe('up');
  return asSuperuser(dataDir, async (client) => {
    const { rows } = await client.query<{ role: string; superuser: boolean }>(
      `SELECT DISTINCT r.rolname AS role, r.rolsuper AS superuser
         FROM pg_stat_activity a JOIN pg_roles r ON r.oid = a.usesysid
        WHERE a.datname = 'tradebot' AND a.backend_type = 'client backend'
          AND a.pid <> pg_backend_pid()`,
    );
    return rows;
  });
}

/** The database, and anything in its schema (tables, indexes, sequences, types), of another role. */
async function notTheAppRoles(dataDir: string): Promise<string[]> {
  return asSuperuser(dataDir, async (client) => {
    const { rows } = await client.query<{ name: string }>(
      `SELECT 'database ' || datname AS name FROM pg_database
        WHERE datname = 'tradebot' AND pg_get_userbyid(datdba) <> $1
       UNION ALL
       SELECT (CASE relkind WHEN 'r' THEN 'table ' ELSE 'relation ' END) || relname FROM pg_class
        WHERE relnamespace = 'public'::regnamespace AND pg_get_userbyid(relowner) <> $1
       UNION ALL
       SELECT 'type ' || typname FROM pg_type
        WHERE typnamespace = 'public'::regnamespace AND pg_get_userbyid(typowner) <> $1
       UNION ALL
       SELECT 'function ' || proname FROM pg_proc
        WHERE pronamespace = 'public'::regnamespace AND pg_get_userbyid(proowner) <> $1`,
      [APP_ROLE],
    );
    return rows.map((row) => row.name);
  });
}
