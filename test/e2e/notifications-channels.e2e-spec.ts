import { randomUUID } from 'node:crypto';
import { CredentialCipher } from '../../src/credentials/credential-cipher';
import { insertPaperBot } from '../factories/bot.factory';
import { createUser } from '../utils/test-app';
import { notificationsHarness } from './notifications-harness';

const ALL_EVENTS = [
  'bot.started',
  'bot.stopped',
  'bot.paused',
  'bot.resumed',
  'bot.error',
  'trade.opened',
  'trade.closed',
  'order.rejected',
];

// No SMTP_URL here: the embedded default, where email channels are refused.
describe('notification channels API', () => {
  const h = notificationsHarness();
  const { ctx } = h;
  const url = 'https://hooks.example.com/tradebot?team=ops';

  const create = (body: object) => h.api().post('/api/notification-channels').send(body);
  const fieldsOf = (body: { errors?: { field: string }[] }) =>
    (body.errors ?? []).map((error) => error.field);

  it('creates a webhook with a generated secret, shown once, stored encrypted', async () => {
    const response = await create({ type: 'webhook', url }).expect(201);
    const { secret, ...channel } = response.body;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(channel).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'webhook',
      to: null,
      url,
      secretHint: `...${secret.slice(-4)}`,
      events: ALL_EVENTS,
      botIds: null,
      enabled: true,
      disabledReason: null,
      consecutiveFailures: 0,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    const shown = await h.api().get(`/api/notification-channels/${channel.id}`).expect(200);
    expect(shown.body).toEqual(channel);
    const listed = await h.api().get('/api/notification-channels').expect(200);
    expect(listed.body).toEqual([channel]);
    expect(listed.text).not.toContain(secret);

    const [row] = await ctx.testApp.dataSource.query(
      'SELECT secret_encrypted FROM notification_channel WHERE id = $1',
      [channel.id],
    );
    expect(row.secret_encrypted).not.toContain(secret);
    const cipher = ctx.testApp.app.get(CredentialCipher, { strict: false });
    expect(cipher.decrypt(row.secret_encrypted, `notification_channel:${channel.id}:secret`)).toBe(
      secret,
    );
  });

  it('takes a secret of your own without echoing it, and the filters', async () => {
    const bot = await insertPaperBot(ctx.testApp.dataSource, { userId: ctx.user.id });
    const secret = `my-own-secret-${randomUUID()}`;
    const response = await create({
      type: 'webhook',
      url,
      secret,
      events: ['trade.closed'],
      botIds: [bot.id],
    }).expect(201);
    expect(response.text).not.toContain(secret);
    expect(response.body).toMatchObject({
      secretHint: `...${secret.slice(-4)}`,
      events: ['trade.closed'],
      botIds: [bot.id],
    });
    expect(response.body.secret).toBeUndefined();
  });

  it('refuses email channels with a clear 400 when SMTP_URL is unset', async () => {
    const response = await create({ type: 'email', to: 'me@example.com' }).expect(400);
    expect(response.body.errors).toEqual([
      { field: 'type', reason: 'email is unavailable: this server has no SMTP_URL configured' },
    ]);
  });

  it('validates webhook URLs: http(s) only, no credentials, never echoed', async () => {
    for (const bad of [
      'https://user:hunter2-pass@hooks.example.com/x',
      'https://token@hooks.example.com/x',
      'ftp://hooks.example.com/x',
      'hooks.example.com/x',
      'javascript:alert(1)',
    ]) {
      const response = await create({ type: 'webhook', url: bad }).expect(400);
      expect(response.body.errors).toEqual([
        { field: 'url', reason: 'must be an http(s) URL without credentials in it' },
      ]);
      expect(response.text).not.toContain('hunter2-pass');
    }
    await create({ type: 'webhook', url: 'http://127.0.0.1:8080/hook' }).expect(201);
  });

  it('names each bad field', async () => {
    const cases: [object, string[]][] = [
      [{ type: 'sms', to: '+100' }, ['type', 'to']],
      [{ type: 'webhook' }, ['url']],
      [{ type: 'email' }, ['to']],
      [{ type: 'email', to: 'not-an-address' }, ['to']],
      [{ type: 'email', to: 'moc.elpmaxe@\u202eme' }, ['to']],
      [{ type: 'email', to: 'me\u200b@example.com' }, ['to']],
      [{ type: 'webhook', url, to: 'me@example.com' }, ['to']],
      [{ type: 'webhook', url, secret: 'short' }, ['secret']],
      [{ type: 'webhook', url, events: [] }, ['events']],
      [{ type: 'webhook', url, events: ['trade.opened', 'bot.exploded'] }, ['events']],
      [{ type: 'webhook', url, botIds: ['nope'] }, ['botIds']],
      [{ type: 'webhook', url, colour: 'red' }, ['colour']],
    ];
    for (const [body, fields] of cases) {
      const response = await create(body).expect(400);
      expect({ body, fields: fieldsOf(response.body) }).toEqual({ body, fields });
    }
    const webhookTo = await create({ type: 'webhook', url, to: 'me@example.com' }).expect(400);
    expect(webhookTo.body.errors[0].reason).toBe('is only for email channels');
  });

  it('refuses a bot filter naming a bot that is not yours (400, by position)', async () => {
    const mine = await insertPaperBot(ctx.testApp.dataSource, { userId: ctx.user.id });
    const theirs = await insertPaperBot(ctx.testApp.dataSource);
    const response = await create({
      type: 'webhook',
      url,
      botIds: [mine.id, theirs.id, randomUUID()],
    }).expect(400);
    expect(response.body.errors).toEqual([
      { field: 'botIds.1', reason: 'is not one of your bots' },
      { field: 'botIds.2', reason: 'is not one of your bots' },
    ]);
  });

  it('PATCH changes filters, target and secret, switches off and on, and keeps the type', async () => {
    const bot = await insertPaperBot(ctx.testApp.dataSource, { userId: ctx.user.id });
    const { body: channel } = await create({ type: 'webhook', url, botIds: [bot.id] }).expect(201);
    const path = `/api/notification-channels/${channel.id}`;

    const secret = `rotated-secret-${randomUUID()}`;
    const changed = await h
      .api()
      .patch(path)
      .send({ events: ['bot.error'], botIds: null, url: 'https://other.example.com/h', secret })
      .expect(200);
    expect(changed.text).not.toContain(secret);
    expect(changed.body).toMatchObject({
      events: ['bot.error'],
      botIds: null,
      url: 'https://other.example.com/h',
      secretHint: `...${secret.slice(-4)}`,
    });

    const off = await h.api().patch(path).send({ enabled: false }).expect(200);
    expect(off.body).toMatchObject({ enabled: false, disabledReason: 'switched off by you' });
    const on = await h.api().patch(path).send({ enabled: true }).expect(200);
    expect(on.body).toMatchObject({ enabled: true, disabledReason: null });

    const wrongType = await h.api().patch(path).send({ to: 'me@example.com' }).expect(400);
    expect(wrongType.body.errors).toEqual([{ field: 'to', reason: 'is only for email channels' }]);
    await h.api().patch(path).send({ type: 'email' }).expect(400);
    await h.api().patch(path).send({ url: 'https://a:b@example.com' }).expect(400);
  });

  it('PATCH refuses null for a target, secret, events or enabled, and keeps the channel', async () => {
    const { body: channel } = await create({ type: 'webhook', url }).expect(201);
    const path = `/api/notification-channels/${channel.id}`;
    for (const field of ['url', 'secret', 'events', 'to', 'enabled']) {
      const response = await h
        .api()
        .patch(path)
        .send({ [field]: null })
        .expect(400);
      expect(fieldsOf(response.body)).toEqual([field]);
    }
    const kept = await h.api().get(path).expect(200);
    expect(kept.body).toMatchObject({ url, secretHint: channel.secretHint, events: ALL_EVENTS });
  });

  it("answers 404 for another user's channel on every route, and 400 for a bad id", async () => {
    const { body: channel } = await create({ type: 'webhook', url }).expect(201);
    const stranger = await createUser(ctx.testApp.http, ctx.adminToken);
    const as = h.api(stranger.token);
    const path = `/api/notification-channels/${channel.id}`;
    const notFound = await as.get(path).expect(404);
    expect(notFound.body).toMatchObject({ message: 'notification channel not found' });
    await as.patch(path).send({ enabled: false }).expect(404);
    await as.post(`${path}/test`).expect(404);
    await as.get(`${path}/deliveries`).expect(404);
    await ctx.testApp.http
      .delete(path)
      .set('Authorization', `Bearer ${stranger.token}`)
      .expect(404);
    expect((await as.get('/api/notification-channels').expect(200)).body).toEqual([]);

    const bad = await h.api().get('/api/notification-channels/not-a-uuid').expect(400);
    expect(bad.body.errors).toEqual([{ field: 'id', reason: 'must be a UUID' }]);
    await h.api().get(`${path}/deliveries?limit=0`).expect(400);
    const paged = await h.api().get(`${path}/deliveries?limit=abc&offset=-1`).expect(400);
    expect(paged.body.errors).toEqual([
      { field: 'limit', reason: 'must be a whole number' },
      { field: 'offset', reason: 'must be at least 0' },
    ]);
    await h.api().get(`${path}/deliveries?limit=10&offset=5`).expect(200);
    await ctx.testApp.http.get('/api/notification-channels').expect(401);
  });

  it('limits test sends per user, 5 a minute by default, with 429 and Retry-After', async () => {
    const { body: first } = await create({ type: 'webhook', url }).expect(201);
    const { body: second } = await create({ type: 'webhook', url }).expect(201);
    const test = (id: string, token?: string) =>
      h.api(token).post(`/api/notification-channels/${id}/test`);
    for (let i = 0; i < 5; i++) await test(i % 2 ? first.id : second.id).expect(202);
    // Counted per user, across their channels: another channel does not reset it.
    const refused = await test(second.id).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.body).toMatchObject({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.stringMatching(/^at most 5 notification tests a minute per user; retry in/),
    });
    const sent = await h.api().get(`/api/notification-channels/${first.id}/deliveries`);
    const others = await h.api().get(`/api/notification-channels/${second.id}/deliveries`);
    expect(sent.body.length + others.body.length).toBe(5);

    const other = await createUser(ctx.testApp.http, ctx.adminToken);
    const { body: theirs } = await h
      .api(other.token)
      .post('/api/notification-channels')
      .send({ type: 'webhook', url })
      .expect(201);
    await test(theirs.id, other.token).expect(202);
  });

  it('DELETE removes the channel and its log', async () => {
    const { body: channel } = await create({ type: 'webhook', url }).expect(201);
    const path = `/api/notification-channels/${channel.id}`;
    await h.api().post(`${path}/test`).expect(202);
    const remove = () =>
      ctx.testApp.http.delete(path).set('Authorization', `Bearer ${ctx.user.token}`);
    await remove().expect(204);
    await remove().expect(404);
    const [{ count }] = await ctx.testApp.dataSource.query(
      'SELECT count(*)::int AS count FROM notification_delivery WHERE channel_id = $1',
      [channel.id],
    );
    expect(count).toBe(0);
  });

  it('documents every route and each event payload as a schema in the OpenAPI spec', async () => {
    const spec = (await ctx.testApp.http.get('/docs-json').expect(200)).body;
    expect(Object.keys(spec.paths['/api/notification-channels'])).toEqual(['post', 'get']);
    expect(Object.keys(spec.paths['/api/notification-channels/{id}'])).toEqual([
      'get',
      'patch',
      'delete',
    ]);
    expect(spec.paths['/api/notification-channels/{id}/test'].post.responses['202']).toBeDefined();
    expect(spec.paths['/api/notification-channels/{id}/deliveries'].get).toBeDefined();
    const schemas = spec.components.schemas;
    for (const name of [
      'BotStartedEventDto',
      'BotStoppedEventDto',
      'BotPausedEventDto',
      'BotResumedEventDto',
      'BotErrorEventDto',
      'TradeOpenedEventDto',
      'TradeClosedEventDto',
      'OrderRejectedEventDto',
      'ChannelDisabledEventDto',
    ]) {
      expect(schemas[name]?.properties?.type?.enum).toHaveLength(1);
    }
    const payload = schemas.DeliveryDto.properties.payload;
    expect(payload.oneOf).toHaveLength(9);
    expect(payload.discriminator.mapping['trade.closed']).toBe(
      '#/components/schemas/TradeClosedEventDto',
    );
  });
});
