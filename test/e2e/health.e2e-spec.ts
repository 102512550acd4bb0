import { createTestApp, type TestApp } from '../utils/test-app';

describe('GET /health', () => {
  let testApp: TestApp;

  afterEach(async () => testApp?.close());

  it('reports the database and Redis up without a token', async () => {
    testApp = await createTestApp();
    const response = await testApp.http.get('/health').expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      database: { status: 'up', kind: 'postgres' },
      redis: { status: 'up', kind: 'redis' },
    });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 503 naming Redis when Redis is unreachable', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    testApp = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    const response = await testApp.http.get('/health').expect(503);
    expect(response.body).toMatchObject({
      status: 'degraded',
      database: { status: 'up' },
      redis: { status: 'down', kind: 'redis' },
    });
    expect(response.body.redis.error).toEqual(expect.any(String));
  });
});
