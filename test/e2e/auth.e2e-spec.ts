import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { Client } from 'pg';
import { CapturedLogs } from '../utils/captured-logs';
import { adminLogin, createTestApp, createUser, loginAs, type TestApp } from '../utils/test-app';
import { TEST_ADMIN_DATABASE_URL, TEST_ADMIN_EMAIL, withDatabase } from '../utils/test-env';

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
      const extra = await http
        .post('/api/auth/login')
        .send({ email: TEST_ADMIN_EMAIL, password: 'whatever1', role: 'admin' })
        .expect(400);
      expect(extra.body.errors).toEqual([
        { field: 'role', reason: expect.stringMatching(/should not exist/) },
      ]);
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
