import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';
import { itOn, testTarget } from '../utils/test-env';

describe('GET /health', () => {
  let testApp: TestApp;

  afterEach(async () => testApp?.close());

  /** An admin's and a user's tokens, from a healthy app: one whose Redis is down cannot log in. */
  async function tokens(): Promise<{ admin: string; user: string }> {
    const healthy = await createTestApp();
    try {
      const admin = await adminLogin(healthy.http);
      return { admin, user: (await createUser(healthy.http, admin)).token };
    } finally {
      await healthy.close();
    }
  }

  it('reports only statuses without a token, and the round-trip times to an admin', async () => {
    testApp = await createTestApp();
    const response = await testApp.http.get('/health').expect(200);
    expect(response.body).toEqual(
      testTarget() === 'embedded'
        ? { status: 'ok', database: { status: 'up', kind: 'embedded-postgres' } }
        : {
            status: 'ok',
            database: { status: 'up', kind: 'postgres' },
            redis: { status: 'up', kind: 'redis' },
          },
    );
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const admin = await adminLogin(testApp.http);
    const detailed = await testApp.http
      .get('/health')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(detailed.body.database).toEqual({
      status: 'up',
      kind: response.body.database.kind,
      latencyMs: expect.any(Number),
    });
    // A bad token is not a 401 here: a load balancer's probe must keep working.
    const forged = await testApp.http
      .get('/health')
      .set('Authorization', 'Bearer not-a-token')
      .expect(200);
    expect(forged.body).toEqual(response.body);
  });

  itOn('scale-out')('answers 503 naming Redis down, and why only to an admin', async () => {
    const { admin, user } = await tokens();
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    testApp = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    for (const authorization of [undefined, `Bearer ${user}`]) {
      const request = testApp.http.get('/health');
      if (authorization) request.set('Authorization', authorization);
      const response = await request.expect(503);
      expect(response.body).toEqual({
        status: 'degraded',
        database: { status: 'up', kind: 'postgres' },
        redis: { status: 'down', kind: 'redis' },
      });
    }
    const detailed = await testApp.http
      .get('/health')
      .set('Authorization', `Bearer ${admin}`)
      .expect(503);
    expect(detailed.body).toMatchObject({
      status: 'degraded',
      database: { status: 'up' },
      redis: {
        status: 'down',
        kind: 'redis',
        error: expect.any(String),
        latencyMs: expect.any(Number),
      },
    });
  });
});
