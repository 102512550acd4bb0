import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppProcess, startAppProcess } from '../embedded/app-process';
import { TEST_CREDENTIALS_KEY } from '../utils/test-app';
import {
  TEST_ADMIN_EMAIL,
  TEST_ADMIN_PASSWORD,
  TEST_REDIS_URL,
  testQueuePrefix,
  testTarget,
  throwawayDatabaseUrl,
} from '../utils/test-env';
import { waitFor } from '../utils/wait-for';

const JWT_SECRET = `logs-e2e-jwt-secret-${randomUUID()}`;
const START_TIMEOUT_MS = 120_000;

type Line = Record<string, unknown>;

/**
 * The production entry point (src/main.ts, as a process) with LOG_FORMAT=json at the most
 * verbose level: every line it writes is one JSON object, and no secret sent to it or made by
 * it reaches any of them.
 */
describe('logs of the running app', () => {
  let app: AppProcess;
  let dataDir: string;
  const secrets = [TEST_ADMIN_PASSWORD, JWT_SECRET, TEST_CREDENTIALS_KEY];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tradebot-logs-'));
    app = await startAppProcess(dataDir, {
      env: {
        DATABASE_URL: throwawayDatabaseUrl(),
        ...(testTarget() === 'scale-out'
          ? { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: testQueuePrefix() }
          : {}),
        JWT_SECRET,
        CREDENTIALS_KEY: TEST_CREDENTIALS_KEY,
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'verbose',
      },
    });
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await app?.stop('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = async (
    method: string,
    path: string,
    { token, body, headers = {} }: { token?: string; body?: unknown; headers?: object } = {},
  ) => {
    const response = await fetch(`http://127.0.0.1:${app.port}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: typeof body === 'string' ? body : body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const lines = (): Line[] =>
    app
      .stdout()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Line);

  it('writes requests carrying secrets as JSON lines without any of the secrets', async () => {
    const adminToken = await app.login(TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
    const email = `logs-${randomUUID()}@tradebot.test`;
    const [firstPassword, changedPassword, resetPassword] = [1, 2, 3].map(
      (n) => `logs-password-${n}-${randomUUID()}`,
    );
    const wrongPassword = `wrong-password-${randomUUID()}`;
    const apiKey = `logs-api-key-${randomUUID()}`;
    const apiSecret = `logs-api-secret-${randomUUID()}`;
    const chosenSecret = `whsec_logs-${randomUUID()}`;
    const sessionCookie = `session-${randomUUID()}`;
    secrets.push(adminToken, firstPassword, changedPassword, resetPassword, wrongPassword);
    secrets.push(apiKey, apiSecret, chosenSecret, sessionCookie);

    const user = await call('POST', '/api/users', {
      token: adminToken,
      body: { email, password: firstPassword },
    });
    expect(user.status).toBe(201);
    expect(
      (await call('POST', '/api/auth/login', { body: { email, password: wrongPassword } })).status,
    ).toBe(401);
    const userToken = await app.login(email, firstPassword);
    const changed = await call('PATCH', '/api/users/me/password', {
      token: userToken,
      body: { currentPassword: firstPassword, newPassword: changedPassword },
    });
    expect(changed.status).toBe(200);
    const token = changed.body.accessToken as string;
    secrets.push(userToken, token);
    const reset = await call('PUT', `/api/users/${user.body.id}/password`, {
      token: adminToken,
      body: { newPassword: resetPassword },
    });
    expect(reset.status).toBe(204);
    const freshToken = await app.login(email, resetPassword);
    secrets.push(freshToken);

    const credential = await call('POST', '/api/credentials', {
      token: freshToken,
      body: { label: 'main', apiKey, apiSecret },
      headers: { cookie: `session=${sessionCookie}` },
    });
    expect(credential.status).toBe(201);
    const chosen = await call('POST', '/api/notification-channels', {
      token: freshToken,
      body: { type: 'webhook', url: 'https://hooks.example.com/logs', secret: chosenSecret },
    });
    expect(chosen.status).toBe(201);
    const generated = await call('POST', '/api/notification-channels', {
      token: freshToken,
      body: { type: 'webhook', url: 'https://hooks.example.com/logs-2' },
    });
    expect(generated.status).toBe(201);
    secrets.push(generated.body.secret);
    // A body the parser refuses, its password never echoed.
    const unreadable = await call('POST', '/api/auth/login', {
      body: `{"email":"${email}","password":"${resetPassword}"`,
    });
    expect(unreadable.status).toBe(400);

    // The line of the last request: every earlier one has been written by then.
    await waitFor(
      async () =>
        lines().find((line) => String(line.message).startsWith('POST /api/auth/login 400')),
      'the refused body in the log',
      10_000,
    );
    const written = lines();
    expect(written.length).toBeGreaterThan(20);
    for (const line of written) {
      expect(typeof line.time).toBe('string');
      expect(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).toContain(line.level);
      expect(typeof line.message).toBe('string');
    }
    const text = app.stdout() + app.stderr();
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it("carries a request's correlation id into the lines of the job it queues, with the bot's id", async () => {
    const token = await app.login(TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
    const bot = await call('POST', '/api/bots', {
      token,
      body: {
        name: 'logged bot',
        symbol: 'BTCUSDT',
        interval: '1h',
        mode: 'paper',
        strategy: 'ema-rsi',
        risk: { positionSizeQuote: '100' },
      },
    });
    expect(bot.status).toBe(201);
    const correlationId = `logs-e2e-${randomUUID()}`;
    const started = await call('POST', `/api/bots/${bot.body.id}/start`, {
      token,
      headers: { 'x-request-id': correlationId },
    });
    expect(started.status).toBe(202);

    const jobLine = await waitFor(
      async () =>
        lines().find(
          (line) => line.correlationId === correlationId && typeof line.jobId === 'string',
        ),
      'a line of the queued tick with the request id',
      20_000,
    );
    expect(jobLine).toMatchObject({ botId: bot.body.id, jobId: expect.stringMatching(/^tick:/) });
    expect(lines()).toContainEqual(
      expect.objectContaining({
        correlationId,
        botId: bot.body.id,
        context: 'EngineEvents',
        message: 'bot logged bot (BTCUSDT, paper) started',
      }),
    );
    // Written once the response has gone, which the client may see first.
    const requestLine = await waitFor(
      async () =>
        lines().find((line) => line.correlationId === correlationId && line.res !== undefined),
      'the line of the start request',
      10_000,
    );
    expect(requestLine).toMatchObject({
      level: 'info',
      req: { method: 'POST', path: `/api/bots/${bot.body.id}/start` },
      res: { statusCode: 202 },
    });
  });
});
