import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { Trade } from '../../src/database/entities/trade.entity';
import request from 'supertest';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { testOptions } from '../fake-binance/test-universe';
import { startWaveBot, wave } from '../factories/wave-bot';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';
import { itOn, testTarget } from '../utils/test-env';
import { waitFor } from '../utils/wait-for';
import { Receiver } from './notifications-harness';

const METRICS_TOKEN = 'scraper-token-0123456789abcdef';

interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The Prometheus text format's samples (comments and HELP/TYPE lines skipped). */
function samples(text: string): PromSample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a Prometheus sample: ${line}`);
      const labels = Object.fromEntries(
        [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => [k, v]),
      );
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

function sum(all: PromSample[], name: string, labels: Record<string, string> = {}): number {
  return all
    .filter((s) => s.name === name)
    .filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((total, s) => total + s.value, 0);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('GET /metrics', () => {
  let exchange: FakeBinanceServer;
  let receiver: Receiver;
  let testApp: TestApp;
  let adminToken: string;
  let metricsPort: number;

  beforeAll(async () => {
    exchange = new FakeBinanceServer(testOptions());
    exchange.setPricePath('BTCUSDT', wave, { interval: '1s' });
    receiver = await new Receiver().start();
    metricsPort = await freePort();
    testApp = await createTestApp({
      BINANCE_BASE_URL: await exchange.start(),
      CRON_ENABLED: 'true',
      METRICS_TOKEN,
      METRICS_PORT: String(metricsPort),
      WEBHOOK_ALLOW_PRIVATE: 'true',
      // The Docker image's setting: the metrics port must stay on loopback all the same.
      HOST: '0.0.0.0',
    });
    adminToken = await adminLogin(testApp.http);
  });

  afterAll(async () => {
    await testApp.close();
    await receiver.stop();
    await exchange.stop();
  });

  const scrape = async (token = METRICS_TOKEN) => {
    const response = await testApp.http
      .get('/metrics')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    return { response, all: samples(response.text) };
  };

  it('is 401 without a token or with a wrong one, and 403 for a user who is not an admin', async () => {
    const { http } = testApp;
    const missing = await http.get('/metrics').expect(401);
    expect(missing.body).toMatchObject({ statusCode: 401, message: expect.any(String) });
    await http.get('/metrics').set('Authorization', 'Bearer not-the-token').expect(401);
    await http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}x`).expect(401);
    const user = await createUser(http, adminToken);
    await http.get('/metrics').set('Authorization', `Bearer ${user.token}`).expect(403);
    await http.get('/api/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(404);
  });

  it("counts a paper bot's ticks, orders and exchange requests, with the gauges and process metrics", async () => {
    const { http, dataSource } = testApp;
    const user = await createUser(http, adminToken);
    await http
      .post('/api/notification-channels')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ type: 'webhook', url: receiver.url, events: ['bot.started'] })
      .expect(201);
    const bot = await startWaveBot(testApp, user);

    // Counted when its outcome is known, before the trade is recorded.
    await waitFor(
      async () =>
        (await dataSource.getRepository(Trade).countBy({ botId: bot.id })) ? true : undefined,
      "the bot's first trade",
    );
    const { response, all } = await scrape(adminToken);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);

    expect(sum(all, 'tradebot_ticks_total')).toBeGreaterThan(0);
    expect(sum(all, 'tradebot_ticks_total', { outcome: 'ordered' })).toBeGreaterThan(0);
    expect(sum(all, 'tradebot_tick_duration_seconds_count')).toBe(sum(all, 'tradebot_ticks_total'));
    // The bot goes on ticking: a tick under way has its lag counted (at its start), not yet
    // its outcome.
    const lagsAhead =
      sum(all, 'tradebot_tick_lag_seconds_count') - sum(all, 'tradebot_ticks_total');
    expect([0, 1]).toContain(lagsAhead);
    expect(all).toContainEqual(
      expect.objectContaining({
        name: 'tradebot_tick_duration_seconds_bucket',
        labels: { le: '+Inf' },
      }),
    );
    expect(
      sum(all, 'tradebot_orders_total', { mode: 'paper', side: 'BUY', status: 'filled' }),
    ).toBeGreaterThan(0);
    expect(sum(all, 'tradebot_bots', { status: 'running', mode: 'paper' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(all.map((s) => s.name)).toContain('tradebot_order_unresolved');

    const host = new URL(exchange.baseURL).host;
    expect(sum(all, 'tradebot_exchange_requests_total', { host, status: '200' })).toBeGreaterThan(
      0,
    );
    expect(sum(all, 'tradebot_exchange_weight_used', { host })).toBeGreaterThan(0);
    expect(sum(all, 'tradebot_exchange_banned_until_seconds', { host })).toBe(0);

    for (const state of ['waiting', 'active', 'delayed', 'failed']) {
      expect(all).toContainEqual(
        expect.objectContaining({
          name: 'tradebot_queue_jobs',
          labels: { queue: 'bot-jobs', state },
        }),
      );
    }
    await waitFor(async () => {
      const { all: later } = await scrape();
      const delivered = sum(later, 'tradebot_notification_deliveries_total', {
        type: 'webhook',
        outcome: 'succeeded',
      });
      return delivered >= 1 ? true : undefined;
    }, "the bot.started webhook's delivery in the metrics");

    for (const name of [
      'tradebot_process_cpu_user_seconds_total',
      'tradebot_process_resident_memory_bytes',
      'tradebot_nodejs_eventloop_lag_p99_seconds',
      'tradebot_nodejs_heap_size_used_bytes',
    ]) {
      expect(all.map((s) => s.name)).toContain(name);
    }
  });

  it('serves the same on METRICS_PORT, for a process without the API, with the same authorization', async () => {
    const port = request(`http://127.0.0.1:${metricsPort}`);
    await port.get('/metrics').expect(401);
    await port.get('/metrics').set('Authorization', 'Bearer wrong').expect(401);
    const scraped = await port
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      .expect(200);
    expect(scraped.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(samples(scraped.text).map((s) => s.name)).toContain('tradebot_ticks_total');
    await port.get('/other').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(404);
  });

  it('listens on METRICS_PORT at loopback alone, though HOST is every interface', () => {
    expect(testApp.config.host).toBe('0.0.0.0');
    const listening = execFileSync('ss', ['-Hltn', `sport = :${metricsPort}`], {
      encoding: 'utf8',
    });
    const addresses = listening
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/)[3]);
    expect(addresses).toEqual([`127.0.0.1:${metricsPort}`]);
  });

  it("reports the System page's numbers to admins: health, ticks, bots, queues, exchange weight", async () => {
    const { http } = testApp;
    const user = await createUser(http, adminToken);
    await http.get('/api/admin/system').set('Authorization', `Bearer ${user.token}`).expect(403);
    const { body } = await http
      .get('/api/admin/system')
      .set('Authorization', `Bearer ${adminToken}`)
      .expect(200);
    const { all } = await scrape();
    expect(body.health.status).toBe('ok');
    expect(body.process.uptimeSeconds).toBeGreaterThan(0);
    expect(body.process.residentMemoryBytes).toBeGreaterThan(10_000_000);
    const ticked = body.ticks.reduce((total: number, t: { count: number }) => total + t.count, 0);
    expect(ticked).toBeGreaterThan(0);
    // The same counters as /metrics: the scrape after the report saw at least as many.
    expect(ticked).toBeLessThanOrEqual(sum(all, 'tradebot_ticks_total'));
    // Other specs' bots share the database: at least this spec's one.
    expect(body.bots).toContainEqual({
      status: 'running',
      mode: 'paper',
      count: expect.any(Number),
    });
    expect(
      body.bots.find((b: { status: string }) => b.status === 'running').count,
    ).toBeGreaterThanOrEqual(1);
    expect(body.ordersUnresolved).toEqual(expect.any(Number));
    expect(body.queues.queues.map((q: { queue: string }) => q.queue)).toEqual([
      'bot-jobs',
      'notifications',
    ]);
    expect(body.exchange).toEqual([
      { host: new URL(exchange.baseURL).host, weightUsed: expect.any(Number) },
    ]);
    expect(body.exchange[0].weightUsed).toBeGreaterThan(0);
  });

  it("counts the queues by state for admins, on this target's queue backend", async () => {
    const { http } = testApp;
    const user = await createUser(http, adminToken);
    await http.get('/api/admin/queues').set('Authorization', `Bearer ${user.token}`).expect(403);
    const report = await http
      .get('/api/admin/queues')
      .set('Authorization', `Bearer ${adminToken}`)
      .expect(200);
    expect(report.body).toEqual({
      backend: testTarget() === 'embedded' ? 'in-process' : 'bull',
      queues: [
        {
          queue: 'bot-jobs',
          waiting: expect.any(Number),
          active: expect.any(Number),
          delayed: expect.any(Number),
          failed: expect.any(Number),
        },
        {
          queue: 'notifications',
          waiting: expect.any(Number),
          active: expect.any(Number),
          delayed: expect.any(Number),
          failed: expect.any(Number),
        },
      ],
    });
  });

  itOn('scale-out')(
    "shows Bull Board at /admin/queues to admins, by header or the dashboard's session cookie",
    async () => {
      const { http } = testApp;
      const user = await createUser(http, adminToken);
      const refused = await http.get('/admin/queues').set('Accept', 'text/html').expect(401);
      expect(refused.body).toMatchObject({ statusCode: 401, correlationId: expect.any(String) });
      await http.get('/admin/queues').set('Authorization', `Bearer ${user.token}`).expect(403);
      await http
        .post('/api/admin/queues/session')
        .set('Authorization', `Bearer ${user.token}`)
        .expect(403);

      const page = await http
        .get('/admin/queues')
        .set('Authorization', `Bearer ${adminToken}`)
        .expect(200);
      expect(page.text).toContain('<title>tradebot</title>');
      const api = await http
        .get('/admin/queues/api/queues')
        .set('Authorization', `Bearer ${adminToken}`)
        .expect(200);
      expect(api.body.queues.map((queue: { name: string }) => queue.name).sort()).toEqual([
        'bot-jobs',
        'notifications',
      ]);

      const session = await http
        .post('/api/admin/queues/session')
        .set('Authorization', `Bearer ${adminToken}`)
        .expect(204);
      const cookie = String(session.headers['set-cookie']);
      expect(cookie).toMatch(
        /^tradebot_queue_view=[^;]+; Path=\/admin\/queues; HttpOnly; SameSite=Strict$/,
      );
      const viaCookie = await http
        .get('/admin/queues/api/queues')
        .set('Cookie', cookie.split(';')[0])
        .expect(200);
      expect(viaCookie.body.queues).toHaveLength(2);
      await http
        .get('/admin/queues/api/queues')
        .set('Cookie', 'tradebot_queue_view=forged')
        .expect(401);
    },
  );

  itOn('embedded')('has no Bull Board with in-process queues: /admin/queues is a 404', async () => {
    const missing = await testApp.http
      .get('/admin/queues')
      .set('Authorization', `Bearer ${adminToken}`)
      .expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404 });
  });
});
