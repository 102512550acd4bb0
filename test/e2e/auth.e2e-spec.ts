import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { type IncomingMessage, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import { Client } from 'pg';
import {
  ACCOUNT_FAILURE_CEILING,
  LOGIN_FAILURE_LIMIT,
  NETWORK_FAILURE_LIMIT,
} from '../../src/auth/login-throttle/login-throttle.service';
import { PasswordHasher } from '../../src/users/passwords';
import { CapturedLogs } from '../utils/captured-logs';
import { CheapPasswordHasher } from '../utils/cheap-password-hasher';
import { adminLogin, createTestApp, createUser, loginAs, type TestApp } from '../utils/test-app';
import {
  TEST_ADMIN_DATABASE_URL,
  TEST_ADMIN_EMAIL,
  TEST_ADMIN_PASSWORD,
  withDatabase,
} from '../utils/test-env';

const UUID = /^[0-9a-f-]{36}$/;

function expectErrorBody(body: unknown, statusCode: number) {
  expect(body).toEqual({
    statusCode,
    error: expect.any(String),
    message: expect.any(String),
    correlationId: expect.any(String),
  });
}

describe('auth', () => {
  let testApp: TestApp;
  let http: TestApp['http'];

  beforeAll(async () => {
    testApp = await createTestApp();
    http = testApp.http;
  });

  afterAll(async () => testApp.close());

  describe('POST /api/auth/login', () => {
    it('returns a JWT that opens protected routes', async () => {
      const token = await adminLogin(http);
      expect(token.split('.')).toHaveLength(3);
      const me = await http.get('/api/users/me').set('Authorization', `Bearer ${token}`);
      expect(me.status).toBe(200);
      expect(me.body).toEqual({
        id: expect.stringMatching(UUID),
        email: TEST_ADMIN_EMAIL,
        role: 'admin',
        createdAt: expect.any(String),
      });
    });

    it('ignores the case of the email', async () => {
      const response = await http
        .post('/api/auth/login')
        .send({ email: TEST_ADMIN_EMAIL.toUpperCase(), password: 'admin-password-for-tests' });
      expect(response.status).toBe(201);
    });

    it('answers a wrong password and an unknown email with the same 401', async () => {
      const wrongPassword = await http
        .post('/api/auth/login')
        .send({ email: TEST_ADMIN_EMAIL, password: 'not-the-password' })
        .expect(401);
      const unknownEmail = await http
        .post('/api/auth/login')
        .send({ email: `nobody-${randomUUID()}@tradebot.test`, password: 'not-the-password' })
        .expect(401);
      expectErrorBody(wrongPassword.body, 401);
      expect(wrongPassword.body.message).toBe('email or password is wrong');
      expect(unknownEmail.body.message).toBe(wrongPassword.body.message);
    });

    it('names the invalid field and refuses unknown ones', async () => {
      const missing = await http
        .post('/api/auth/login')
        .send({ email: TEST_ADMIN_EMAIL })
        .expect(400);
      expect(missing.body.errors).toEqual([{ field: 'password', reason: expect.any(String) }]);
      const badEmail = await http
        .post('/api/auth/login')
        .send({ email: 'not an email', password: 'whatever1' })
        .expect(400);
      expect(badEmail.body.errors).toEqual([{ field: 'email', reason: expect.any(String) }]);
      for (const email of [`\u202e${TEST_ADMIN_EMAIL}`, `${TEST_ADMIN_EMAIL}\ud800`]) {
        const invisible = await http
          .post('/api/auth/login')
          .send({ email, password: 'whatever1' })
          .expect(400);
        expect(invisible.body.errors).toEqual([
          { field: 'email', reason: 'must not contain spaces, control or invisible characters' },
        ]);
      }
      const extra = await http
        .post('/api/auth/login')
        .send({ email: TEST_ADMIN_EMAIL, password: 'whatever1', role: 'admin' })
        .expect(400);
      expect(extra.body.errors).toEqual([
        { field: 'role', reason: expect.stringMatching(/should not exist/) },
      ]);
    });
  });

  describe('POST /api/auth/logout', () => {
    const me = (token: string) => http.get('/api/users/me').set('Authorization', `Bearer ${token}`);
    const logout = (token: string) =>
      http.post('/api/auth/logout').set('Authorization', `Bearer ${token}`);

    it("revokes the presented token until it expires, and none of the user's other sessions", async () => {
      const signedOut = await adminLogin(http);
      const other = await adminLogin(http);
      await me(signedOut).expect(200);
      await logout(signedOut).expect(204);
      const refused = await me(signedOut).expect(401);
      expect(refused.body.message).toBe('invalid or expired token');
      await logout(signedOut).expect(401);
      await me(other).expect(200);

      const { jti, exp } = JSON.parse(Buffer.from(signedOut.split('.')[1], 'base64url').toString());
      const [row] = await testApp.dataSource.query(
        'SELECT extract(epoch FROM expires_at)::int AS exp FROM revoked_token WHERE jti = $1',
        [jti],
      );
      expect(row).toEqual({ exp });
      await http.post('/api/auth/logout').expect(401);
    });

    it("ends the queue view's token with its session, and clears its cookie", async () => {
      const token = await adminLogin(http);
      const session = await http
        .post('/api/admin/queues/session')
        .set('Authorization', `Bearer ${token}`)
        .expect(204);
      const cookie = String(session.headers['set-cookie']).split(';')[0];
      const viewToken = cookie.replace('tradebot_queue_view=', '');
      expect(viewToken).not.toBe(token);
      // It opens the queue view only, for at most 15 minutes.
      await me(viewToken).expect(401);
      const { exp, iat } = JSON.parse(Buffer.from(viewToken.split('.')[1], 'base64url').toString());
      expect(exp - iat).toBe(15 * 60);
      const queues = () => http.get('/admin/queues/api/queues').set('Cookie', cookie);
      if (testApp.config.redisUrl) await queues().expect(200);

      const out = await logout(token).expect(204);
      expect(out.headers['set-cookie']).toEqual([
        expect.stringMatching(
          /^tradebot_queue_view=; Path=\/admin\/queues; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict$/,
        ),
      ]);
      if (testApp.config.redisUrl) {
        expect((await queues().expect(401)).body.message).toBe('invalid or expired token');
      }
    });
  });

  describe('the global guard', () => {
    it('answers 401 without a token, with a garbage token and with another scheme', async () => {
      for (const authorization of [undefined, 'Bearer garbage', 'Basic YWRtaW46YWRtaW4=']) {
        const call = http.get('/api/users/me');
        if (authorization) call.set('Authorization', authorization);
        const response = await call.expect(401);
        expectErrorBody(response.body, 401);
      }
    });

    it('answers 401 to an expired token and to one signed with another secret', async () => {
      const { id } = await createUser(http, await adminLogin(http));
      const past = Math.floor(Date.now() / 1000) - 60;
      const expired = await new JwtService({ secret: testApp.config.jwtSecret }).signAsync({
        sub: id,
        exp: past,
      });
      const forged = await new JwtService({ secret: 'x'.repeat(40) }).signAsync({ sub: id });
      for (const token of [expired, forged]) {
        const response = await http
          .get('/api/users/me')
          .set('Authorization', `Bearer ${token}`)
          .expect(401);
        expect(response.body.message).toBe('invalid or expired token');
      }
    });

    it("answers 401 to a deleted user's token", async () => {
      const user = await createUser(http, await adminLogin(http));
      await http.get('/api/users/me').set('Authorization', `Bearer ${user.token}`).expect(200);
      await testApp.dataSource.query('DELETE FROM user_account WHERE id = $1', [user.id]);
      await http.get('/api/users/me').set('Authorization', `Bearer ${user.token}`).expect(401);
    });

    it('answers 403 to a non-admin on admin-only routes', async () => {
      const user = await createUser(http, await adminLogin(http));
      const list = await http
        .get('/api/users')
        .set('Authorization', `Bearer ${user.token}`)
        .expect(403);
      expectErrorBody(list.body, 403);
      await http
        .post('/api/users')
        .set('Authorization', `Bearer ${user.token}`)
        .send({ email: `x-${randomUUID()}@tradebot.test`, password: 'long-enough' })
        .expect(403);
    });

    it('leaves /health, /docs and /docs-json open', async () => {
      await http.get('/health').expect(200);
      const docs = await http.get('/docs').expect(200);
      expect(docs.text).toContain('swagger-ui');
      const spec = await http.get('/docs-json').expect(200);
      expect(spec.body.paths).toHaveProperty(['/api/auth/login']);
    });
  });
});

describe('login throttling', () => {
  const WINDOW_MS = 2000;
  let testApp: TestApp;
  let port: number;
  let adminToken: string;

  /** Counts argon2 verifications: a throttled attempt must not cost one. */
  class CountingHasher extends CheapPasswordHasher {
    verifications = 0;

    override verify(passwordHash: string, password: string): Promise<boolean> {
      this.verifications++;
      return super.verify(passwordHash, password);
    }
  }
  const hasher = new CountingHasher();

  beforeAll(async () => {
    testApp = await createTestApp(
      // 127.0.6.1 plays a reverse proxy; every other loopback address is a direct client.
      { LOGIN_THROTTLE_WINDOW_MS: String(WINDOW_MS), TRUST_PROXY: '127.0.6.1' },
      { override: (builder) => builder.overrideProvider(PasswordHasher).useValue(hasher) },
    );
    port = (testApp.app.getHttpServer().address() as AddressInfo).port;
    adminToken = await adminLogin(testApp.http);
  });

  afterAll(async () => testApp.close());

  async function newAccount(): Promise<{ email: string; password: string }> {
    const account = { email: `throttled-${randomUUID()}@tradebot.test`, password: randomUUID() };
    await testApp.http
      .post('/api/users')
      .set('Authorization', `Bearer ${adminToken}`)
      .send(account)
      .expect(201);
    return account;
  }

  /** A request sent from `from`, one of the loopback addresses (127.0.0.0/8). */
  async function sendFrom(
    from: string,
    method: string,
    path: string,
    body: object,
    token = '',
    headers: Record<string, string> = {},
  ) {
    const payload = JSON.stringify(body);
    const call = httpRequest({
      host: '127.0.0.1',
      port,
      localAddress: from,
      method,
      path,
      headers: {
        'content-type': 'application/json',
        'content-length': payload.length,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
    });
    call.end(payload);
    const [response] = (await once(call, 'response')) as [IncomingMessage];
    let text = '';
    for await (const chunk of response) text += chunk;
    return {
      status: response.statusCode,
      retryAfter: response.headers['retry-after'],
      setCookie: response.headers['set-cookie'],
      body: text ? JSON.parse(text) : undefined,
    };
  }

  const loginFrom = (from: string, email: string, password: string) =>
    sendFrom(from, 'POST', '/api/auth/login', { email, password });

  /** A login that `from` forwards for `client`, as a reverse proxy would. */
  const loginForwarded = (from: string, client: string, email: string, password: string) =>
    sendFrom(from, 'POST', '/api/auth/login', { email, password }, '', {
      'x-forwarded-for': client,
    });

  const waitOut = (retryAfter: string | undefined) =>
    new Promise((resolve) => setTimeout(resolve, Number(retryAfter) * 1000));

  it("refuses a stranger's network after 10 failures on an account, and lets the owner in from another", async () => {
    const account = await newAccount();
    const other = await newAccount();
    for (let failure = 0; failure < LOGIN_FAILURE_LIMIT; failure++) {
      expect((await loginFrom('127.0.1.1', account.email, 'wrong-password')).status).toBe(401);
    }
    const verifications = hasher.verifications;
    const throttled = await loginFrom('127.0.1.1', account.email, 'wrong-password');
    expect(throttled).toEqual({
      status: 429,
      retryAfter: expect.stringMatching(/^[12]$/),
      body: expect.objectContaining({
        statusCode: 429,
        error: 'Too Many Requests',
        message: 'too many failed logins: try again later',
      }),
    });
    // From the stranger's network even the right password is a guess like the others.
    const right = await loginFrom('127.0.1.1', account.email.toUpperCase(), account.password);
    expect(right.status).toBe(429);
    expect(hasher.verifications).toBe(verifications);

    // The owner from another network gets in at once; a wrong password there is only a 401.
    expect((await loginFrom('127.0.1.2', account.email, account.password)).status).toBe(201);
    expect((await loginFrom('127.0.1.2', account.email, 'wrong-password')).status).toBe(401);
    // Another account from the stranger's network is not held up.
    expect((await loginFrom('127.0.1.1', other.email, other.password)).status).toBe(201);
    await waitOut(right.retryAfter);
    expect((await loginFrom('127.0.1.1', account.email, account.password)).status).toBe(201);
  });

  it(`refuses a network after ${NETWORK_FAILURE_LIMIT} failures on any accounts, and only that network`, async () => {
    const account = await newAccount();
    for (let failure = 0; failure < NETWORK_FAILURE_LIMIT; failure++) {
      const email = `nobody-${failure}-${randomUUID()}@tradebot.test`;
      expect((await loginFrom('127.0.2.1', email, 'wrong-password')).status).toBe(401);
    }
    const verifications = hasher.verifications;
    const throttled = await loginFrom('127.0.2.1', account.email, account.password);
    expect(throttled).toMatchObject({ status: 429, retryAfter: expect.stringMatching(/^[12]$/) });
    expect(hasher.verifications).toBe(verifications);
    expect((await loginFrom('127.0.2.2', account.email, account.password)).status).toBe(201);
    await waitOut(throttled.retryAfter);
    expect((await loginFrom('127.0.2.1', account.email, account.password)).status).toBe(201);
  });

  it(`slows an account failed ${ACCOUNT_FAILURE_CEILING} times from many networks, without locking it`, async () => {
    const account = await newAccount();
    for (let failure = 0; failure < ACCOUNT_FAILURE_CEILING; failure++) {
      const from = `127.0.7.${1 + Math.floor(failure / LOGIN_FAILURE_LIMIT)}`;
      expect((await loginFrom(from, account.email, 'wrong-password')).status).toBe(401);
    }
    // Past the ceiling even a fresh network waits, but only a delay, which grows per attempt.
    const slowed = await loginFrom('127.0.7.200', account.email, account.password);
    expect(slowed).toMatchObject({ status: 429, retryAfter: '1' });
    await waitOut(slowed.retryAfter);
    expect((await loginFrom('127.0.7.201', account.email, 'wrong-password')).status).toBe(401);
    const slower = await loginFrom('127.0.7.200', account.email, account.password);
    expect(slower).toMatchObject({ status: 429, retryAfter: '2' });
    await waitOut(slower.retryAfter);
    expect((await loginFrom('127.0.7.200', account.email, account.password)).status).toBe(201);
  });

  it('counts failures only: logins that succeed never add up to a refusal', async () => {
    const account = await newAccount();
    for (let success = 0; success < 15; success++) {
      expect((await loginFrom('127.0.3.1', account.email, account.password)).status).toBe(201);
    }
    for (let failure = 0; failure < 9; failure++) {
      expect((await loginFrom('127.0.3.1', account.email, 'wrong-password')).status).toBe(401);
    }
    expect((await loginFrom('127.0.3.1', account.email, account.password)).status).toBe(201);
    expect((await loginFrom('127.0.3.1', account.email, 'wrong-password')).status).toBe(401);
    expect((await loginFrom('127.0.3.1', account.email, account.password)).status).toBe(429);
  });

  it('throttles the current password of a password change like a login', async () => {
    const account = await newAccount();
    const { body } = await loginFrom('127.0.5.1', account.email, account.password);
    const change = (currentPassword: string) =>
      sendFrom(
        '127.0.5.1',
        'PATCH',
        '/api/users/me/password',
        { currentPassword, newPassword: 'a new password' },
        body.accessToken,
      );
    for (let failure = 0; failure < 10; failure++) {
      expect((await change('wrong-password')).status).toBe(400);
    }
    const verifications = hasher.verifications;
    const throttled = await change(account.password);
    expect(throttled).toMatchObject({ status: 429, retryAfter: expect.stringMatching(/^[12]$/) });
    expect(hasher.verifications).toBe(verifications);
    await waitOut(throttled.retryAfter);
    expect((await change(account.password)).status).toBe(200);
  });

  it('throttles by the forwarded client behind the proxy TRUST_PROXY names, and only there', async () => {
    const account = await newAccount();
    const nobody = () => `nobody-${randomUUID()}@tradebot.test`;
    for (let failure = 0; failure < NETWORK_FAILURE_LIMIT; failure++) {
      const answer = await loginForwarded('127.0.6.1', '198.51.100.7', nobody(), 'wrong');
      expect(answer.status).toBe(401);
    }
    const blocked = await loginForwarded('127.0.6.1', '198.51.100.7', account.email, 'x');
    expect(blocked.status).toBe(429);
    // The proxy's other clients still get in.
    const other = await loginForwarded(
      '127.0.6.1',
      '198.51.100.8',
      account.email,
      account.password,
    );
    expect(other.status).toBe(201);

    // A client that is not the proxy cannot choose the address it is counted under.
    for (let failure = 0; failure < NETWORK_FAILURE_LIMIT; failure++) {
      const spoofed = `198.51.100.${100 + failure}`;
      const answer = await loginForwarded('127.0.6.2', spoofed, nobody(), 'wrong');
      expect(answer.status).toBe(401);
    }
    const spoofing = await loginForwarded('127.0.6.2', '198.51.100.99', account.email, 'x');
    expect(spoofing.status).toBe(429);
  });

  it("marks the queue view's cookie Secure over TLS, when a trusted proxy says so", async () => {
    const tls = { 'x-forwarded-proto': 'https' };
    const cookieFrom = async (from: string, path: string) =>
      String((await sendFrom(from, 'POST', path, {}, adminToken, tls)).setCookie);
    expect(await cookieFrom('127.0.6.1', '/api/admin/queues/session')).toMatch(/; Secure;/);
    // Anyone else may say https; only a connection that is TLS, or the proxy, counts.
    expect(await cookieFrom('127.0.6.2', '/api/admin/queues/session')).not.toMatch(/Secure/);
    const session = await loginAs(testApp.http, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
    const out = await sendFrom('127.0.6.1', 'POST', '/api/auth/logout', {}, session, tls);
    expect(out.status).toBe(204);
    expect(String(out.setCookie)).toMatch(/^tradebot_queue_view=;.*; Secure;/);
  });

  it('lets no more than 10 of many parallel guesses from one network reach a password check', async () => {
    const account = await newAccount();
    const verifications = hasher.verifications;
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, guess) =>
        loginFrom('127.0.4.1', account.email, `guess-${guess}`),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([...Array(10).fill(401), ...Array(15).fill(429)]);
    expect(hasher.verifications - verifications).toBe(10);
  });
});

/** A database of its own, so the bootstrap sees no admin; dropped afterwards. */
async function withFreshDatabase(run: (url: string) => Promise<void>): Promise<void> {
  const name = `tradebot_e2e_boot_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      await run(withDatabase(TEST_ADMIN_DATABASE_URL, name));
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

describe('admin bootstrap', () => {
  it('without ADMIN_* creates admin@localhost once, logging the generated password once', async () => {
    await withFreshDatabase(async (url) => {
      const logs = new CapturedLogs();
      const unset = { DATABASE_URL: url, ADMIN_EMAIL: '', ADMIN_PASSWORD: '' };
      // Two processes starting together: exactly one of them creates the admin.
      const apps = await Promise.all([
        createTestApp(unset, { logger: logs }),
        createTestApp(unset, { logger: logs }),
      ]);
      try {
        const admins = await apps[0].dataSource.query(
          "SELECT email FROM user_account WHERE role = 'admin'",
        );
        expect(admins).toEqual([{ email: 'admin@localhost' }]);
        const announced = logs.matching('warn', /generated password/);
        expect(announced).toHaveLength(1);
        const password = /generated password (\S+)/.exec(announced[0])![1];
        const token = await loginAs(apps[1].http, 'admin@localhost', password);
        const me = await apps[1].http.get('/api/users/me').set('Authorization', `Bearer ${token}`);
        expect(me.body).toMatchObject({ email: 'admin@localhost', role: 'admin' });
      } finally {
        await Promise.all(apps.map((app) => app.close()));
      }
    });
  });

  it('creates the configured admin and never logs ADMIN_PASSWORD', async () => {
    await withFreshDatabase(async (url) => {
      const password = `configured-${randomUUID()}`;
      const logs = new CapturedLogs().captureStreams();
      let app: TestApp | undefined;
      try {
        app = await createTestApp(
          { DATABASE_URL: url, ADMIN_EMAIL: 'Owner@Tradebot.test', ADMIN_PASSWORD: password },
          { logger: logs },
        );
        await loginAs(app.http, 'owner@tradebot.test', password);
        await app.http
          .post('/api/auth/login')
          .send({ email: 'owner@tradebot.test', password: `${password}-wrong` })
          .expect(401);
      } finally {
        await app?.close();
        logs.restore();
      }
      expect(logs.matching('log', /created admin owner@tradebot\.test/)).toHaveLength(1);
      expect(logs.text()).not.toContain(password);
    });
  });
});
