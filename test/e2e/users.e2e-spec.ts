import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
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

  describe('passwords', () => {
    async function newUser() {
      const email = `pw-${randomUUID()}@tradebot.test`;
      const password = `pw-${randomUUID()}`;
      const created = await asAdmin(http.post('/api/users')).send({ email, password }).expect(201);
      return { id: created.body.id as string, email, password };
    }

    const me = (token: string) => http.get('/api/users/me').set('Authorization', `Bearer ${token}`);

    it('PATCH /api/users/me/password ends every session and answers a token for the new one', async () => {
      const user = await newUser();
      const sessions = [
        await loginAs(http, user.email, user.password),
        await loginAs(http, user.email, user.password),
      ];
      const changed = await http
        .patch('/api/users/me/password')
        .set('Authorization', `Bearer ${sessions[0]}`)
        .send({ currentPassword: user.password, newPassword: 'a brand new password' })
        .expect(200);
      for (const token of sessions) await me(token).expect(401);
      await me(changed.body.accessToken).expect(200);
      await http
        .post('/api/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(401);
      await me(await loginAs(http, user.email, 'a brand new password')).expect(200);
    });

    it('PATCH /api/users/me/password names a wrong current password or a bad new one, changing nothing', async () => {
      const user = await newUser();
      const token = await loginAs(http, user.email, user.password);
      const cases: [Record<string, unknown>, string, string][] = [
        [{ currentPassword: 'not-it', newPassword: 'long-enough' }, 'currentPassword', 'is wrong'],
        [{ currentPassword: user.password, newPassword: 'short' }, 'newPassword', ''],
        [{ currentPassword: user.password }, 'newPassword', ''],
        [{ newPassword: 'long-enough' }, 'currentPassword', ''],
      ];
      for (const [body, field, reason] of cases) {
        const response = await http
          .patch('/api/users/me/password')
          .set('Authorization', `Bearer ${token}`)
          .send(body)
          .expect(400);
        expect(response.body.errors).toEqual([{ field, reason: reason || expect.any(String) }]);
      }
      await me(token).expect(200);
      await loginAs(http, user.email, user.password);
      await http
        .patch('/api/users/me/password')
        .send({ currentPassword: user.password, newPassword: 'long-enough' })
        .expect(401);
    });

    it('PUT /api/users/:id/password lets an admin set a password, ending that user’s sessions only', async () => {
      const user = await newUser();
      const token = await loginAs(http, user.email, user.password);
      await asAdmin(http.put(`/api/users/${user.id}/password`))
        .send({ newPassword: 'set by the admin' })
        .expect(204);
      await me(token).expect(401);
      await http
        .post('/api/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(401);
      await me(await loginAs(http, user.email, 'set by the admin')).expect(200);
      await me(adminToken).expect(200);
    });

    it('PUT /api/users/:id/password is for admins only, and names a bad id, user or password', async () => {
      const user = await newUser();
      const other = await newUser();
      const token = await loginAs(http, user.email, user.password);
      const refused = await http
        .put(`/api/users/${other.id}/password`)
        .set('Authorization', `Bearer ${token}`)
        .send({ newPassword: 'taken over' })
        .expect(403);
      expect(refused.body.message).toBe('only admins may do this');
      await loginAs(http, other.email, other.password);

      const unknown = await asAdmin(http.put(`/api/users/${randomUUID()}/password`))
        .send({ newPassword: 'long-enough' })
        .expect(404);
      expect(unknown.body).toMatchObject({ statusCode: 404, message: 'no such user' });
      const badId = await asAdmin(http.put('/api/users/not-a-uuid/password'))
        .send({ newPassword: 'long-enough' })
        .expect(400);
      expect(badId.body.errors).toEqual([{ field: 'id', reason: 'must be a UUID' }]);
      const short = await asAdmin(http.put(`/api/users/${other.id}/password`))
        .send({ newPassword: 'short' })
        .expect(400);
      expect(short.body.errors).toEqual([{ field: 'newPassword', reason: expect.any(String) }]);
      await loginAs(http, other.email, other.password);
    });

    it('refuses tokens issued before token ids existed, which a sign-out could not revoke', async () => {
      const user = await newUser();
      const signer = new JwtService({ secret: testApp.config.jwtSecret });
      for (const legacy of [{ sub: user.id }, { sub: user.id, ver: 0 }]) {
        await me(await signer.signAsync(legacy)).expect(401);
      }
    });
  });
});
