import { once } from 'node:events';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_JSON_DEPTH } from '../../src/common/json-shape';
import { walkRows } from '../factories/candle-rows';
import { adminLogin, createTestApp, type TestApp } from '../utils/test-app';

const MB = 2 ** 20;
const START = Date.UTC(2026, 0, 1);

function expectErrorBody(body: unknown, statusCode: number) {
  expect(body).toMatchObject({
    statusCode,
    error: expect.any(String),
    message: expect.any(String),
    correlationId: expect.any(String),
  });
}

function nestedArrays(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

describe('HTTP limits, unknown routes and headers', () => {
  let testApp: TestApp;
  let http: TestApp['http'];
  let token: string;
  let port: number;

  beforeAll(async () => {
    testApp = await createTestApp();
    http = testApp.http;
    token = await adminLogin(http);
    port = (testApp.app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(async () => testApp.close());

  function rawPost(path: string, headers: Record<string, string>, length: number) {
    const call = httpRequest({
      port,
      host: '127.0.0.1',
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json', 'content-length': String(length), ...headers },
    });
    call.on('error', () => undefined);
    return call;
  }

  async function answerOf(response: IncomingMessage): Promise<{ status: number; body: unknown }> {
    let text = '';
    for await (const chunk of response) text += chunk;
    return { status: response.statusCode!, body: JSON.parse(text) };
  }

  /**
   * Sends the headers of a POST that announces `length` bytes and only the start of them,
   * then waits up to `waitMs` for an answer: one comes only if the server decides without
   * reading the body.
   */
  async function answerBeforeBody(
    path: string,
    headers: Record<string, string>,
    length: number,
    waitMs: number,
  ): Promise<{ status: number; body: unknown } | undefined> {
    const call = rawPost(path, headers, length);
    call.write(`{"candles":[${'[1,2,3,4,5,6,7],'.repeat(1000)}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), waitMs);
    });
    try {
      const answer = await Promise.race([once(call, 'response'), timeout]);
      return answer && (await answerOf(answer[0] as IncomingMessage));
    } finally {
      clearTimeout(timer);
      call.destroy();
    }
  }

  /** Streams `length` bytes of JSON whitespace, never holding more than 1 MB of it. */
  async function postStreamed(path: string, headers: Record<string, string>, length: number) {
    const call = rawPost(path, headers, length);
    const response = once(call, 'response');
    const chunk = Buffer.alloc(MB, ' ');
    for (let sent = 0; sent < length && !call.destroyed; sent += chunk.length) {
      if (!call.write(chunk.subarray(0, Math.min(chunk.length, length - sent)))) {
        await Promise.race([once(call, 'drain'), response]);
      }
    }
    call.end();
    return answerOf((await response)[0] as IncomingMessage);
  }

  describe('body size', () => {
    it('answers a JSON body over 1 MB on any route but backtests with a 413 in the error shape', async () => {
      for (const [path, authorization] of [
        ['/api/auth/login', undefined],
        ['/api/bots', `Bearer ${token}`],
        ['/health', undefined],
      ] as const) {
        const call = http
          .post(path)
          .set('content-type', 'application/json')
          .send(JSON.stringify({ name: 'x'.repeat(MB) }));
        if (authorization) call.set('Authorization', authorization);
        const response = await call.expect(413);
        expectErrorBody(response.body, 413);
        expect(response.body.message).toBe('request body is larger than 1 MB');
      }
    });

    it('reads a body just under 1 MB (then validates it)', async () => {
      const response = await http
        .post('/api/auth/login')
        .send({ email: 'a@tradebot.test', password: 'x'.repeat(MB - 1000) })
        .expect(400);
      expect(response.body.errors).toEqual([{ field: 'password', reason: expect.any(String) }]);
    });

    it('takes a backtest body over 1 MB from a signed-in caller', async () => {
      const body = JSON.stringify({
        strategy: 'ema-rsi',
        risk: { positionSizeQuote: '100' },
        candles: walkRows(START, 30_000),
      });
      expect(body.length).toBeGreaterThan(2 * MB);
      const response = await http
        .post('/api/backtests')
        .set('Authorization', `Bearer ${token}`)
        .set('content-type', 'application/json')
        .send(body)
        .expect(200);
      expect(response.body.equity).toHaveLength(30_000);
    });

    it('refuses a backtest body over 128 MB', async () => {
      const answer = await postStreamed(
        '/api/backtests',
        { authorization: `Bearer ${token}` },
        128 * MB + 1,
      );
      expect(answer).toEqual({
        status: 413,
        body: expect.objectContaining({ message: 'request body is larger than 128 MB' }),
      });
    });

    it('answers a 60 MB backtest body without a valid token at once, without reading it', async () => {
      const headerSets: Record<string, string>[] = [{}, { authorization: 'Bearer not-a-token' }];
      for (const headers of headerSets) {
        const answer = await answerBeforeBody('/api/backtests', headers, 60 * MB, 5000);
        expect(answer?.status).toBe(401);
        expectErrorBody(answer!.body, 401);
      }
      // The same request with a valid token waits for its body: the 401s above came first.
      const admitted = await answerBeforeBody(
        '/api/backtests',
        { authorization: `Bearer ${token}` },
        60 * MB,
        500,
      );
      expect(admitted).toBeUndefined();
    });
  });

  describe('JSON shape', () => {
    it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels on every route, login included`, async () => {
      const deep = `{"email":"a@tradebot.test","password":${nestedArrays(20_000)}}`;
      for (const [path, authorization] of [
        ['/api/auth/login', undefined],
        ['/api/bots', `Bearer ${token}`],
        ['/api/backtests', `Bearer ${token}`],
      ] as const) {
        const call = http.post(path).set('content-type', 'application/json');
        if (authorization) call.set('Authorization', authorization);
        const response = await call.send(deep).expect(400);
        expect(response.body).toMatchObject({
          message: `body is nested deeper than ${MAX_JSON_DEPTH} levels`,
          errors: [{ field: 'body', reason: `is nested deeper than ${MAX_JSON_DEPTH} levels` }],
        });
      }
    });

    it('reads nesting up to the limit', async () => {
      const response = await http
        .post('/api/auth/login')
        .set('content-type', 'application/json')
        .send(`{"email":"a@tradebot.test","password":${nestedArrays(MAX_JSON_DEPTH - 1)}}`)
        .expect(400);
      expect(response.body.errors).toEqual([{ field: 'password', reason: expect.any(String) }]);
    });

    it('refuses __proto__, constructor and prototype keys, naming their path', async () => {
      const cases: [string, string, string][] = [
        [
          '/api/auth/login',
          '{"email":"a@tradebot.test","password":"x","__proto__":{}}',
          '__proto__',
        ],
        ['/api/bots', '{"name":"b","risk":{"constructor":{"prototype":{}}}}', 'risk.constructor'],
        ['/api/bots', '{"strategyParams":{"a":[{"prototype":1}]}}', 'strategyParams.a.0.prototype'],
      ];
      for (const [path, json, field] of cases) {
        const response = await http
          .post(path)
          .set('Authorization', `Bearer ${token}`)
          .set('content-type', 'application/json')
          .send(json)
          .expect(400);
        expect(response.body).toMatchObject({
          message: `${field} is a reserved key name`,
          errors: [{ field, reason: 'is a reserved key name' }],
        });
      }
    });
  });

  describe('unknown routes', () => {
    it('answer 404 in the error shape, inside and outside /api', async () => {
      for (const [method, path] of [
        ['get', '/'],
        ['get', '/nope'],
        ['post', '/nope/deeper'],
        ['delete', '/health/more'],
        ['get', '/api/nope'],
      ] as const) {
        const response = await http[method](path).expect(404);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expectErrorBody(response.body, 404);
        expect(response.body.message).toBe(`Cannot ${method.toUpperCase()} ${path}`);
        expect(response.body.correlationId).toBe(response.headers['x-request-id']);
      }
    });
  });

  describe('security headers', () => {
    it('are on answers of every kind, with a CSP of self that does not upgrade to https', async () => {
      for (const call of [http.get('/health'), http.get('/api/users/me'), http.get('/nope')]) {
        const response = await call;
        expect(response.headers).toMatchObject({
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'SAMEORIGIN',
          'referrer-policy': 'no-referrer',
          'cross-origin-opener-policy': 'same-origin',
        });
        expect(response.headers).not.toHaveProperty('x-powered-by');
        const csp = response.headers['content-security-policy'];
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("object-src 'none'");
        expect(csp).not.toContain('upgrade-insecure-requests');
      }
    });

    it('let the Swagger UI load: its scripts are files of this origin, its styles allowed inline', async () => {
      const page = await http.get('/docs').expect(200);
      const csp = page.headers['content-security-policy'];
      expect(csp).toMatch(/style-src [^;]*'unsafe-inline'/);
      expect(csp).toMatch(/img-src [^;]*data:/);
      const scripts = [...page.text.matchAll(/<script([^>]*)>/g)].map((match) => match[1]);
      expect(scripts.length).toBeGreaterThan(0);
      const assets = [
        ...scripts.map((attributes) => /src="([^"]+)"/.exec(attributes)?.[1]),
        ...[...page.text.matchAll(/<link[^>]*href="([^"]+)"/g)].map((match) => match[1]),
      ];
      // An inline script would need 'unsafe-inline', which script-src does not allow.
      expect(assets).not.toContain(undefined);
      for (const asset of assets) {
        const url = new URL(asset!, `http://127.0.0.1:${port}/docs`);
        expect(url.host).toBe(`127.0.0.1:${port}`);
        const response = await http.get(url.pathname);
        expect({ asset, status: response.status }).toEqual({ asset, status: 200 });
      }
      const init = await http.get('/docs/swagger-ui-init.js').expect(200);
      expect(init.text).toContain('/api/auth/login');
    });
  });
});
