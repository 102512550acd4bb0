import { randomUUID } from 'node:crypto';
import type { Test } from 'supertest';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { API_KEY, API_SECRET, testOptions } from '../fake-binance/test-universe';
import { walkRows } from '../factories/candle-rows';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';
import {
  exampleOf,
  FIELD_VALUES,
  fieldPaths,
  type OpenApiDocument,
  type Operation,
  RAW_BODIES,
  TEXT_VALUES,
  withField,
} from './bad-input-probes';

// Every route of the served OpenAPI document gets malformed, mistyped, oversized, nested,
// null, NUL and out-of-range input in each body field, path and query parameter. None
// may answer 5xx or hang, and every 400 names a field (not always the one probed: an
// rsiOverbought under rsiOversold is reported on rsiOversold). New routes are probed as
// they appear in the document; a route without a valid body below gets its schema's example.

const TIMEOUT_MS = 5_000;
const BACKTESTS = '/api/backtests';
const CONCURRENCY = 4;
const HOUR = 3_600_000;
const RISK = { positionSizeQuote: '100', stopLossPct: '2' };

interface Probe {
  method: string;
  path: string;
  what: string;
  query?: string;
  body?: unknown;
  raw?: { type: string; text: string };
}

interface Answer {
  probe: Probe;
  status: number | 'hang' | 'error';
  fields: string[];
}

describe('bad input on every route', () => {
  let exchange: FakeBinanceServer;
  let testApp: TestApp;
  let doc: OpenApiDocument;
  let auth: { Authorization: string };
  const ids: Record<string, string> = {};
  let loginUser: { email: string; password: string };

  beforeAll(async () => {
    exchange = new FakeBinanceServer(testOptions());
    testApp = await createTestApp({
      BINANCE_BASE_URL: await exchange.start(),
      SMTP_URL: 'smtp://127.0.0.1:9',
    });
    const adminToken = await adminLogin(testApp.http);
    auth = { Authorization: `Bearer ${adminToken}` };
    doc = (await testApp.http.get('/docs-json').expect(200)).body as OpenApiDocument;
    const user = await createUser(testApp.http, adminToken);
    loginUser = { email: user.email, password: 'wrong' };
    const post = async (path: string, body: object) =>
      (await testApp.http.post(path).set(auth).send(body).expect(201)).body.id as string;
    ids['/api/credentials'] = await post('/api/credentials', {
      label: 'probe',
      apiKey: API_KEY.padEnd(16, 'x'),
      apiSecret: API_SECRET.padEnd(16, 'x'),
    });
    ids['/api/bots'] = await post('/api/bots', validBot());
    ids['/api/notification-channels'] = await post('/api/notification-channels', webhook());
    // Starts the backtest thread, which compiles its TypeScript here (seconds on a loaded
    // machine; a build's JavaScript starts at once): the probes time the answers, not that.
    await testApp.http.post(BACKTESTS).set(auth).send({}).expect(400);
  });

  afterAll(async () => {
    await testApp?.close();
    await exchange?.stop();
  });

  const validBot = () => ({
    name: 'probe',
    symbol: 'BTCUSDT',
    interval: '1h',
    mode: 'paper',
    strategy: 'ema-rsi',
    strategyParams: { emaFast: 9 },
    risk: RISK,
    paper: { initialBalanceQuote: '1000', feeRate: '0.001', slippageBps: '5' },
  });
  const webhook = () => ({
    type: 'webhook',
    url: 'https://hooks.example.com/probe',
    secret: 's'.repeat(16),
    events: ['trade.opened'],
    botIds: null,
  });

  /** Bodies that pass validation, so each probe changes one thing only. */
  const validBodies = (method: string, path: string): unknown[] | undefined => {
    const start = Date.UTC(2026, 0, 1);
    const bodies: Record<string, unknown[]> = {
      'POST /api/users': [{ email: `${randomUUID()}@probe.test`, password: 'p'.repeat(12) }],
      'POST /api/auth/login': [loginUser],
      'POST /api/bots': [validBot()],
      'PATCH /api/bots/{id}': [{ ...validBot(), risk: { ...RISK, maxDailyTrades: 3 } }],
      'POST /api/backtests': [
        { strategy: 'ema-rsi', risk: RISK, candles: walkRows(start, 60) },
        {
          strategy: 'ema-rsi',
          risk: RISK,
          filters: { stepSize: '0.001', minQty: '0.001', minNotional: '5' },
          symbol: 'BTCUSDT',
          interval: '1h',
          startTime: start,
          endTime: start + 50 * HOUR,
        },
      ],
      'POST /api/notification-channels': [webhook(), { type: 'email', to: 'me@example.com' }],
      'PATCH /api/notification-channels/{id}': [{ ...webhook(), type: undefined, enabled: true }],
      'POST /api/bots/{id}/stop': [{ closePosition: false }],
    };
    return bodies[`${method} ${path}`];
  };

  /** The real resource for body and query probes; a DELETE only ever gets a random id. */
  const realPath = (method: string, path: string) =>
    path.replace('{id}', () => {
      const owner = Object.keys(ids).find((prefix) => path.startsWith(`${prefix}/`));
      return method !== 'delete' && owner ? ids[owner] : randomUUID();
    });

  function probesOf(path: string, method: string, operation: Operation): Probe[] {
    const probes: Probe[] = [];
    const at = { method, path };
    const params = operation.parameters ?? [];
    for (const param of params.filter((p) => p.in === 'path')) {
      for (const [what, value] of TEXT_VALUES) {
        probes.push({ ...at, what: `path ${param.name}: ${what}`, path: fill(path, value) });
      }
    }
    const target = realPath(method, path);
    for (const param of [...params.filter((p) => p.in === 'query'), { name: 'unknown' }]) {
      for (const [what, value] of TEXT_VALUES) {
        probes.push({
          ...at,
          path: target,
          what: `query ${param.name}: ${what}`,
          query: `${param.name}=${value}`,
        });
      }
      probes.push({
        ...at,
        path: target,
        what: `query ${param.name}: repeated`,
        query: `${param.name}=1&${param.name}=2`,
      });
      probes.push({
        ...at,
        path: target,
        what: `query ${param.name}: nested`,
        query: `${param.name}[a][b]=1`,
      });
    }
    const schema = operation.requestBody?.content['application/json']?.schema;
    if (!schema) return probes;
    for (const [what, type, text] of RAW_BODIES) {
      probes.push({ ...at, path: target, what: `body: ${what}`, raw: { type, text } });
    }
    const bases = validBodies(method.toUpperCase(), path) ?? [exampleOf(schema, doc)];
    for (const [index, base] of bases.entries()) {
      for (const field of fieldPaths(schema, doc)) {
        const label = `body ${bases.length > 1 ? `#${index + 1} ` : ''}${field}`;
        probes.push({
          ...at,
          path: target,
          what: `${label}: missing`,
          body: withField(base, field, undefined),
        });
        for (const [what, value] of FIELD_VALUES) {
          probes.push({
            ...at,
            path: target,
            what: `${label}: ${what}`,
            body: withField(base, field, value),
          });
        }
      }
    }
    return probes;
  }

  async function send(probe: Probe): Promise<Answer> {
    const url = probe.query ? `${probe.path}?${probe.query}` : probe.path;
    let request: Test = testApp.http[probe.method as 'get'](url).set(auth);
    if (probe.raw) {
      if (probe.raw.type) request = request.set('Content-Type', probe.raw.type);
      request = request.send(probe.raw.text);
    } else if (probe.body !== undefined) {
      request = request.send(probe.body as object);
    }
    try {
      const response = await request.timeout({ response: TIMEOUT_MS, deadline: 2 * TIMEOUT_MS });
      const errors = (response.body?.errors ?? []) as { field: string }[];
      return { probe, status: response.status, fields: errors.map((error) => error.field) };
    } catch (error) {
      const timedOut = (error as { timeout?: number }).timeout !== undefined;
      return { probe, status: timedOut ? 'hang' : 'error', fields: [] };
    }
  }

  it('answers every probe with a 2xx or a 4xx, within the timeout; a 400 names a field', async () => {
    // Sign-out reads no input and would end the session the probes run as (auth.e2e-spec).
    const probes = Object.entries(doc.paths)
      .filter(([path]) => path !== '/api/auth/logout')
      .flatMap(([path, operations]) =>
        Object.entries(operations).flatMap(([method, operation]) =>
          probesOf(path, method, operation),
        ),
      );
    // The backtest thread started in beforeAll idles out after 30 s: its route goes first.
    probes.sort((a, b) => Number(b.path === BACKTESTS) - Number(a.path === BACKTESTS));
    // A few at a time: quicker, and concurrent edits of one resource are fair game too.
    const answers: Answer[] = [];
    const queue = [...probes];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let probe = queue.shift(); probe; probe = queue.shift())
          answers.push(await send(probe));
      }),
    );

    const broken = answers.filter(({ status }) => typeof status !== 'number' || status >= 500);
    const unnamed = answers.filter(({ status, fields }) => status === 400 && fields.length === 0);
    expect(answers.length).toBeGreaterThan(2000);
    expect({ broken: broken.map(describeAnswer), unnamed: unnamed.map(describeAnswer) }).toEqual({
      broken: [],
      unnamed: [],
    });
    // The probes ran as the admin throughout: no probe changed its password or role.
    await testApp.http.get('/api/users/me').set(auth).expect(200);
  }, 120_000);
});

function fill(path: string, value: string): string {
  return path.replace(/\{[^}]+\}/, value);
}

function describeAnswer({ probe, status, fields }: Answer): string {
  const query = probe.query ? `?${probe.query.slice(0, 40)}` : '';
  const named = fields.length > 0 ? ` ${fields.join(',')}` : '';
  return `${probe.method.toUpperCase()} ${probe.path.slice(0, 80)}${query} [${probe.what}] -> ${status}${named}`;
}
