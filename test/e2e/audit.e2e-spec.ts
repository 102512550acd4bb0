import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { testOptions } from '../fake-binance/test-universe';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';

const paperBot = {
  name: 'audited bot',
  symbol: 'BTCUSDT',
  interval: '1h',
  mode: 'paper',
  strategy: 'ema-rsi',
  risk: { positionSizeQuote: '100' },
};

interface AuditItem {
  userId: string;
  action: string;
  targetType: string;
  targetId: string;
  details: Record<string, unknown>;
}

describe('the audit trail', () => {
  let testApp: TestApp;
  let exchange: FakeBinanceServer;
  let adminToken: string;
  let owner: { id: string; token: string };
  let stranger: { id: string; token: string };
  const as = (user: { token: string }) => ({ Authorization: `Bearer ${user.token}` });
  const asAdmin = () => ({ Authorization: `Bearer ${adminToken}` });

  beforeAll(async () => {
    exchange = new FakeBinanceServer(testOptions());
    testApp = await createTestApp({ BINANCE_BASE_URL: await exchange.start() });
    adminToken = await adminLogin(testApp.http);
    owner = await createUser(testApp.http, adminToken);
    stranger = await createUser(testApp.http, adminToken);
  });

  afterAll(async () => {
    await testApp.close();
    await exchange.stop();
  });

  const createBot = async () =>
    (await testApp.http.post('/api/bots').set(as(owner)).send(paperBot).expect(201)).body
      .id as string;

  it("lists a bot's start and stop by the user who did them, newest first, to its owner", async () => {
    const botId = await createBot();
    await testApp.http.post(`/api/bots/${botId}/start`).set(as(owner)).expect(202);
    await testApp.http.post(`/api/bots/${botId}/stop`).set(as(owner)).send({}).expect(202);

    const audit = await testApp.http.get(`/api/bots/${botId}/audit`).set(as(owner)).expect(200);
    expect(audit.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
    const items = audit.body.items as AuditItem[];
    expect(items.map((item) => [item.action, item.userId])).toEqual([
      ['bot.stopped', owner.id],
      ['bot.started', owner.id],
      ['bot.created', owner.id],
    ]);
    expect(items[0]).toMatchObject({
      targetType: 'bot',
      targetId: botId,
      details: { closePosition: false },
    });
    expect(items[2].details).toMatchObject({ name: 'audited bot', symbol: 'BTCUSDT' });

    const page = await testApp.http
      .get(`/api/bots/${botId}/audit?limit=1&offset=1`)
      .set(as(owner))
      .expect(200);
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(page.body.items.map((item: AuditItem) => item.action)).toEqual(['bot.started']);
  });

  it("names the admin who acted on a user's bot, and keeps a deleted bot's history", async () => {
    const botId = await createBot();
    const adminId = (await testApp.http.get('/api/users/me').set(asAdmin()).expect(200)).body.id;
    await testApp.http
      .patch(`/api/bots/${botId}`)
      .set(asAdmin())
      .send({ name: 'renamed by the admin', risk: { stopLossPct: '2' } })
      .expect(200);
    await testApp.http.delete(`/api/bots/${botId}`).set(as(owner)).expect(204);

    // The bot is gone for its owner; an admin still reads what happened to it.
    await testApp.http.get(`/api/bots/${botId}/audit`).set(as(owner)).expect(404);
    const audit = await testApp.http.get(`/api/audit?botId=${botId}`).set(asAdmin()).expect(200);
    expect(audit.body.items).toMatchObject([
      { action: 'bot.deleted', userId: owner.id, details: { name: 'renamed by the admin' } },
      {
        action: 'bot.updated',
        userId: adminId,
        details: {
          changes: {
            name: { from: 'audited bot', to: 'renamed by the admin' },
            stopLossPct: { from: null, to: '2' },
          },
        },
      },
      { action: 'bot.created', userId: owner.id },
    ]);
  });

  it('records credential and channel changes by their user, without a secret in them', async () => {
    const user = await createUser(testApp.http, adminToken);
    const apiSecret = 'audit-api-secret-0123456789abcdef';
    const apiKey = 'audit-api-key-0123456789abcdef';
    const credential = await testApp.http
      .post('/api/credentials')
      .set(as(user))
      .send({ label: 'main', apiKey, apiSecret })
      .expect(201);
    await testApp.http.delete(`/api/credentials/${credential.body.id}`).set(as(user)).expect(204);
    const url = 'https://hooks.example.com/services/T000/B000/secret-path';
    const channel = await testApp.http
      .post('/api/notification-channels')
      .set(as(user))
      .send({ type: 'webhook', url })
      .expect(201);
    await testApp.http
      .patch(`/api/notification-channels/${channel.body.id}`)
      .set(as(user))
      .send({ secret: 'whsec_chosen-by-the-user-0123456789', enabled: false })
      .expect(200);
    await testApp.http
      .delete(`/api/notification-channels/${channel.body.id}`)
      .set(as(user))
      .expect(204);

    const audit = await testApp.http.get(`/api/audit?userId=${user.id}`).set(asAdmin()).expect(200);
    expect(audit.body.items.map((item: AuditItem) => [item.action, item.targetId])).toEqual([
      ['channel.deleted', channel.body.id],
      ['channel.updated', channel.body.id],
      ['channel.created', channel.body.id],
      ['credential.deleted', credential.body.id],
      ['credential.created', credential.body.id],
    ]);
    expect(audit.body.items[1].details).toEqual({ fields: ['secret', 'enabled'] });
    for (const secret of [apiKey, apiSecret, channel.body.secret, 'whsec_chosen', 'secret-path']) {
      expect(audit.text).not.toContain(secret);
    }
  });

  it("answers 404 for another user's bot and 403 for a non-admin's whole trail", async () => {
    const botId = await createBot();
    await testApp.http.get(`/api/bots/${botId}/audit`).set(as(stranger)).expect(404);
    await testApp.http.get('/api/audit').set(as(owner)).expect(403);
    await testApp.http.get('/api/audit').expect(401);
    const bad = await testApp.http.get('/api/audit?botId=nope').set(asAdmin()).expect(400);
    expect(bad.body.errors).toEqual([{ field: 'botId', reason: 'must be a UUID' }]);
  });
});
