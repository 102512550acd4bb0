import { randomUUID } from 'node:crypto';
import { adminLogin, createTestApp, createUser, loginAs, type TestApp } from '../utils/test-app';

describe('users', () => {
  let testApp: TestApp;
  let http: TestApp['http'];
  let adminToken: string;

  beforeAll(async () => {
    testApp = await createTestApp();
    http = testApp.http;
    adminToken = await adminLogin(http);
  });

  afterAll(async () => testApp.close());

  const asAdmin = (call: ReturnType<TestApp['http']['get']>) =>
    call.set('Authorization', `Bearer ${adminToken}`);

  it('POST /api/users creates a user with a lower-cased email and no password hash', async () => {
    const local = `New-${randomUUID()}`;
    const password = `pw-${randomUUID()}`;
    const response = await asAdmin(http.post('/api/users'))
      .send({ email: `${local}@TradeBot.test`, password })
      .expect(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      email: `${local.toLowerCase()}@tradebot.test`,
      role: 'user',
      createdAt: expect.any(String),
    });
    expect(response.text).not.toMatch(/passwordHash|argon2/);
    expect(response.text).not.toContain(password);
    const [row] = await testApp.dataSource.query(
      'SELECT email, password_hash FROM user_account WHERE id = $1',
      [response.body.id],
    );
    expect(row.email).toBe(`${local.toLowerCase()}@tradebot.test`);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    await loginAs(http, `${local.toUpperCase()}@tradebot.test`, password);
  });

  it('answers 409 to an email taken in any case', async () => {
    const email = `dup-${randomUUID()}@tradebot.test`;
    await asAdmin(http.post('/api/users')).send({ email, password: 'long-enough' }).expect(201);
    const again = await asAdmin(http.post('/api/users'))
      .send({ email: email.toUpperCase(), password: 'long-enough' })
      .expect(409);
    expect(again.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
  });

  it('names the invalid field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ email: `a-${randomUUID()}@tradebot.test`, password: 'short' }, 'password'],
      [{ email: 'not-an-email', password: 'long-enough' }, 'email'],
      // A right-to-left override makes one address display as another.
      [{ email: 'nimda\u202e@tradebot.test', password: 'long-enough' }, 'email'],
      [{ email: 'a\u200b@tradebot.test', password: 'long-enough' }, 'email'],
      [{ email: 'a\ud800@tradebot.test', password: 'long-enough' }, 'email'],
      [{ email: `a-${randomUUID()}@tradebot.test`, password: 'long-enough', role: 'root' }, 'role'],
      [{ email: `a-${randomUUID()}@tradebot.test`, password: 'long-enough', admin: true }, 'admin'],
    ];
    for (const [body, field] of cases) {
      const response = await asAdmin(http.post('/api/users')).send(body).expect(400);
      expect(response.body.errors).toEqual([{ field, reason: expect.any(String) }]);
      expect(response.body.message).toMatch(new RegExp(`^${field} `));
    }
  });

  it('GET /api/users lists everyone for an admin, without password hashes', async () => {
    const user = await createUser(http, adminToken);
    const response = await asAdmin(http.get('/api/users')).expect(200);
    expect(response.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: user.id, email: user.email })]),
    );
    expect(response.text).not.toMatch(/passwordHash|argon2/);
    await http.get('/api/users').set('Authorization', `Bearer ${user.token}`).expect(403);
  });

  it('GET /api/users/me is the caller', async () => {
    const user = await createUser(http, adminToken);
    const me = await http
      .get('/api/users/me')
      .set('Authorization', `Bearer ${user.token}`)
      .expect(200);
    expect(me.body).toMatchObject({ id: user.id, email: user.email, role: 'user' });
  });

  it('a user created as admin may use admin routes', async () => {
    const email = `admin-${randomUUID()}@tradebot.test`;
    await asAdmin(http.post('/api/users'))
      .send({ email, password: 'long-enough', role: 'admin' })
      .expect(201);
    const token = await loginAs(http, email, 'long-enough');
    await http.get('/api/users').set('Authorization', `Bearer ${token}`).expect(200);
  });
});
