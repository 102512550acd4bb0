import { createTestApp, type TestApp } from '../utils/test-app';
import { itOn, testTarget } from '../utils/test-env';

describe('GET /health', () => {
  let testApp: TestApp;

  afterEach(async () => testApp?.close());

  it('reports its dependencies up without a token', async () => {
    testApp = await createTestApp();
    const response = await testApp.http.get('/health').expect(200);
    expect(response.body).toMatchObject(
      testTarget() === 'embedded'
        ? { status: 'ok', database: { status: 'up', kind: 'embedded-postgres' } }
        : {
            status: 'ok',
            database: { status: 'up', kind: 'postgres' },
            redis: { status: 'up', kind: 'redis' },
          },
    );
    if (testTarget() === 'embedded') expect(response.body.redis).toBeUndefined();
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  itOn('scale-out')('answers 503 naming Redis when Redis is unreachable', async () => {
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
