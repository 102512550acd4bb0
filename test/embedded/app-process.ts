import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD } from '../utils/test-env';

/** Jest runs from the project's root (npm test). */
const PROJECT_ROOT = process.cwd();
const START_TIMEOUT_MS = 60_000;

export interface HttpAnswer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface AppProcess {
  pid: number;
  port: number;
  get(path: string, token?: string): Promise<HttpAnswer>;
  post(path: string, token: string, body: unknown): Promise<HttpAnswer>;
  login(email: string, password: string): Promise<string>;
  /** Every TCP socket listening in the app's process tree (the app and its PostgreSQL). */
  listening(): { address: string; port: number }[];
  listeningPorts(): number[];
  output(): string;
  /** Standard output alone: the log lines (LOG_FORMAT=json makes them JSON). */
  stdout(): string;
  stderr(): string;
  /** Sends the signal and waits for the process to end; resolves to its exit code. */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

let built = false;

/** `npm start`'s build, made once per run when the sources changed since the last one. */
function ensureBuilt(): void {
  if (built) return;
  execFileSync(process.execPath, ['scripts/build-if-changed.mjs'], {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
  });
  built = true;
}

/**
 * Runs the built app as `npm start` does: no DATABASE_URL, no REDIS_URL, so the app starts
 * its own PostgreSQL in `dataDir` (unless `env` names one). Exchange calls go nowhere (port 1).
 */
export async function startAppProcess(
  dataDir: string,
  options?: { env?: NodeJS.ProcessEnv },
): Promise<AppProcess>;
export async function startAppProcess(
  dataDir: string,
  options: { expectFailure: true; env?: NodeJS.ProcessEnv },
): Promise<{ exitCode: number | null; stderr: string }>;
export async function startAppProcess(
  dataDir: string,
  options: { expectFailure?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<AppProcess | { exitCode: number | null; stderr: string }> {
  ensureBuilt();
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_EMAIL: TEST_ADMIN_EMAIL,
    ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    BINANCE_BASE_URL: 'http://127.0.0.1:1',
    CRON_ENABLED: 'false',
    ...options.env,
  };
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  if (options.expectFailure) {
    const [exitCode] = await exited;
    return { exitCode, stderr };
  }
  const app = appProcess(child, port, exited, {
    stdout: () => stdout,
    stderr: () => stderr,
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the app exited while starting:\n${stdout}\n${stderr}`);
    }
    const health = await app.get('/health').catch(() => undefined);
    if (health?.status === 200) return app;
    if (Date.now() > deadline) {
      await app.stop('SIGKILL');
      throw new Error(`the app did not answer /health:\n${stdout}\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function appProcess(
  child: ChildProcess,
  port: number,
  exited: Promise<[number | null, NodeJS.Signals | null]>,
  streams: { stdout: () => string; stderr: () => string },
): AppProcess {
  const base = `http://127.0.0.1:${port}`;
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const response = await fetch(base + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  let ended: Promise<number | null> | undefined;
  const app: AppProcess = {
    pid: child.pid!,
    port,
    get: (path, token) => call('GET', path, token),
    post: (path, token, body) => call('POST', path, token, body),
    login: async (email, password) => {
      const answer = await call('POST', '/api/auth/login', undefined, { email, password });
      if (answer.status !== 201) throw new Error(`login failed: ${JSON.stringify(answer.body)}`);
      return answer.body.accessToken as string;
    },
    listening: () => listeningSockets(processTree(child.pid!)),
    listeningPorts: () => [...new Set(app.listening().map((s) => s.port))].sort((a, b) => a - b),
    output: () => streams.stdout() + streams.stderr(),
    stdout: streams.stdout,
    stderr: streams.stderr,
    stop: (signal) => {
      ended ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        const [code] = await exited;
        return code;
      })();
      return ended;
    },
  };
  return app;
}

/** `pid` and all its descendants, read from /proc. */
export function processTree(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Ended while we looked.
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  }
  return tree;
}

/** The PostgreSQL servers (postmasters) running on `dataDir`'s cluster. */
export function postgresPidsOf(dataDir: string): number[] {
  const cluster = join(dataDir, 'postgres');
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args[0]?.endsWith('/postgres') && args.includes(cluster)) pids.push(Number(entry));
    } catch {
      // Ended while we looked.
    }
  }
  return pids;
}

export async function waitUntilGone(pid: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (existsProcess(pid)) {
    if (Date.now() > deadline) throw new Error(`process ${pid} is still running`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function existsProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function listeningSockets(pids: number[]): { address: string; port: number }[] {
  const output = execFileSync('ss', ['-Hltnp'], { encoding: 'utf8' });
  const sockets: { address: string; port: number }[] = [];
  for (const line of output.split('\n')) {
    const owners = [...line.matchAll(/pid=(\d+)/g)].map((match) => Number(match[1]));
    if (!owners.some((pid) => pids.includes(pid))) continue;
    const local = line.trim().split(/\s+/)[3]!;
    const at = local.lastIndexOf(':');
    sockets.push({ address: local.slice(0, at), port: Number(local.slice(at + 1)) });
  }
  return sockets;
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}
