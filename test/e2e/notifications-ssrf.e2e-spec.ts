import type { TestingModuleBuilder } from '@nestjs/testing';
import { BotEventType } from '../../src/kernel/bot-event';
import { HostResolver } from '../../src/notifications/channels/guarded-lookup';
import {
  type DeliveryBody,
  notificationsHarness,
  type Receiver,
  sleep,
} from './notifications-harness';

/**
 * DNS played at the boundary: names under rebind.test answer loopback, as a rebinding
 * attacker's would after the channel was saved; nothing else resolves, so no test traffic
 * can leave loopback.
 */
const resolver: HostResolver = {
  resolve: async (hostname) => {
    if (hostname.endsWith('.rebind.test')) return [{ address: '127.0.0.1', family: 4 }];
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  },
};
const withResolver = (builder: TestingModuleBuilder) =>
  builder.overrideProvider(HostResolver).useValue(resolver);

/** The receiver's URL with a host name instead of its address. */
const byName = (receiver: Receiver) => {
  const url = new URL(receiver.url);
  url.hostname = 'hooks.rebind.test';
  return url.toString();
};

const refusedBecause = (kind: string) => [
  { field: 'url', reason: `must not point at ${kind}; webhooks go to public addresses only` },
];

describe('webhooks may not reach the server’s own network (no opt-in)', () => {
  const h = notificationsHarness(() => ({ WEBHOOK_ALLOW_PRIVATE: 'false' }), withResolver);
  const { ctx } = h;
  const channels = '/api/notification-channels';

  it('refuses a channel aimed at a special address or localhost name: 400 naming url, on create and update', async () => {
    const receiver = await h.receiver();
    const refused: [string, string][] = [
      [receiver.url, 'a loopback address'],
      ['http://localhost/hook', 'a loopback address'],
      ['http://api.localhost:8080/', 'a loopback address'],
      ['http://[::1]:9000/', 'a loopback address'],
      ['http://[::ffff:127.0.0.1]/', 'a loopback address'],
      ['http://0.0.0.0/', 'the unspecified address'],
      ['http://169.254.169.254/latest/meta-data/', 'a link-local address'],
      ['http://10.0.0.1/', 'a private address'],
      ['http://192.168.1.1/', 'a private address'],
      ['http://100.64.0.1/', 'a carrier-grade NAT address'],
      ['http://[fd00::1]/', 'a unique-local address'],
      ['http://[fe80::1]/', 'a link-local address'],
      ['http://224.0.0.1/', 'a multicast address'],
    ];
    const saved = await h
      .api()
      .post(channels)
      .send({ type: 'webhook', url: byName(receiver) });
    expect(saved.status).toBe(201);
    for (const [url, kind] of refused) {
      const created = await h.api().post(channels).send({ type: 'webhook', url });
      expect([url, created.status, created.body.errors]).toEqual([url, 400, refusedBecause(kind)]);
      const updated = await h.api().patch(`${channels}/${saved.body.id}`).send({ url });
      expect([url, updated.status, updated.body.errors]).toEqual([url, 400, refusedBecause(kind)]);
    }
    // Spellings that WHATWG URL would turn into 127.0.0.1 are not URLs the API takes at all.
    for (const url of ['http://2130706433/', 'http://0x7f.1/', 'http://0177.0.0.1/']) {
      const created = await h.api().post(channels).send({ type: 'webhook', url });
      expect([url, created.status, created.body.errors?.[0]?.field]).toEqual([url, 400, 'url']);
    }
    const list = await h.api().get(channels).expect(200);
    expect(list.body.map((channel: { url: string }) => channel.url)).toEqual([byName(receiver)]);
    expect(receiver.received).toHaveLength(0);
  });

  it('refuses at send time a name that resolves to loopback: no request, and the log says only "refused: private address"', async () => {
    const receiver = await h.receiver();
    const channel = await h
      .api()
      .post(channels)
      .send({ type: 'webhook', url: byName(receiver) });
    expect(channel.status).toBe(201);
    const error = h.event(BotEventType.BotError, { reason: 'market data unavailable' });
    await h.publish(error);
    const delivery = await h.settled(channel.body.id, error.id);
    const tested = await h.api().post(`${channels}/${channel.body.id}/test`).send({});
    expect(tested.status).toBe(202);
    const test = await h.settled(channel.body.id, tested.body.eventId);
    await sleep(500); // many backoffs of 50 ms: a retry would have come by now

    for (const refused of [delivery, test]) expectRefusedOnce(refused);
    expect(receiver.received).toHaveLength(0);
    // Neither the address the name resolved to nor the port appears anywhere in the log.
    const port = new URL(receiver.url).port;
    const log = JSON.stringify(await h.deliveries(channel.body.id));
    expect(log).not.toContain('127.0.0.1');
    expect(log).not.toContain(`:${port}`);
  });

  it('refuses at send time a channel whose address was saved before the rule (or under an opt-in since withdrawn)', async () => {
    const receiver = await h.receiver();
    const channel = await h
      .api()
      .post(channels)
      .send({ type: 'webhook', url: byName(receiver) });
    await ctx.testApp.dataSource.query('UPDATE notification_channel SET url = $1 WHERE id = $2', [
      receiver.url,
      channel.body.id,
    ]);
    const stopped = h.event(BotEventType.BotStopped, { closePosition: false });
    await h.publish(stopped);
    expectRefusedOnce(await h.settled(channel.body.id, stopped.id));
    expect(receiver.received).toHaveLength(0);
  });

  function expectRefusedOnce(delivery: DeliveryBody) {
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts).toEqual([
      expect.objectContaining({
        attempt: 1,
        status: 'failed',
        responseCode: null,
        error: 'refused: private address',
      }),
    ]);
  }
});

describe('webhooks to the hosts of WEBHOOK_ALLOW_HOSTS', () => {
  const h = notificationsHarness(
    () => ({ WEBHOOK_ALLOW_PRIVATE: 'false', WEBHOOK_ALLOW_HOSTS: '127.0.0.1' }),
    withResolver,
  );

  it('saves and delivers to an allowed loopback receiver, by address and by a name resolving to it', async () => {
    const receiver = await h.receiver();
    const byAddress = await h.webhook(receiver);
    const named = await h
      .api()
      .post('/api/notification-channels')
      .send({ type: 'webhook', url: byName(receiver) })
      .expect(201);
    const opened = h.event(BotEventType.BotStarted, {});
    await h.publish(opened);
    for (const id of [byAddress.id, named.body.id]) {
      const delivery = await h.settled(id, opened.id);
      expect(delivery.status).toBe('succeeded');
    }
    expect(receiver.received).toHaveLength(2);
  });

  it('still refuses the other private addresses', async () => {
    for (const url of [
      'http://127.0.0.2/',
      'http://[::1]/',
      'http://10.0.0.1/',
      'http://localhost/',
    ]) {
      const created = await h
        .api()
        .post('/api/notification-channels')
        .send({ type: 'webhook', url });
      expect([url, created.status, created.body.errors?.[0]?.field]).toEqual([url, 400, 'url']);
    }
  });
});
