import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ADMIN = { email: 'bench@tradebot.test', password: 'bench-password' };

/** The built app as `npm start` runs it, on a private data folder, its admin logged in. */
export interface BuiltApp {
  base: string;
  process: ChildProcess;
  token: string;
  close(): Promise<void>;
}

/**
 * Builds (unless BENCH_SKIP_BUILD=true) and starts `node dist/src/main.js` on the embedded
 * default, with no exchange and no cron; `env` adds to or overrides that.
 */
export async function startBuiltApp(
  name: string,
  env: Record<string, string> = {},
): Promise<BuiltApp> {
  if (process.env.BENCH_SKIP_BUILD !== 'true') execFileSync('npm', ['run', 'build:server']);
  const dataDir = mkdtempSync(join(tmpdir(), `tradebot-bench-${name}-`));
  const port = await freePort();
  const api = spawn(process.execPath, ['dist/src/main.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      CRON_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      // Nothing listens there: a bench needs no exchange.
      BINANCE_BASE_URL: 'http://127.0.0.1:1',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const close = async () => {
    await stop(api);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(base, api);
    return { base, process: api, token: await login(base), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A POST through node:http: on large bodies, `fetch` costs the client several times more. */
export function post(
  url: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: 'POST', headers: { ...headers, 'Content-Length': String(body.length) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function waitForHealth(base: string, api: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) throw new Error(`the API exited with ${api.exitCode}`);
    const up = await fetch(`${base}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the API did not answer /health within 60 s');
}

async function login(base: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (!response.ok) throw new Error(`login answered ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** SIGTERM lets the app stop its embedded PostgreSQL before it exits. */
async function stop(api: ChildProcess): Promise<void> {
  if (api.exitCode !== null) return;
  const exited = new Promise((resolve) => api.once('exit', resolve));
  api.kill('SIGTERM');
  await exited;
}
