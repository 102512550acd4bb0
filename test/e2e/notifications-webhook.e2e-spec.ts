import { createHmac, randomUUID } from 'node:crypto';
import type { BotConfig } from '../../src/database/entities/bot-config.entity';
import { BotEventType } from '../../src/kernel/bot-event';
import { insertPaperBot } from '../factories/bot.factory';
import { waitFor } from '../utils/wait-for';
import { notificationsHarness, sleep } from './notifications-harness';

const STARTED = {} as Record<string, never>;

describe('webhook notifications (Bull on Redis)', () => {
  const h = notificationsHarness();
  const { ctx } = h;

  it('POSTs the event JSON signed with X-Tradebot-* headers that verify with the secret', async () => {
    const target = await h.receiver();
    const channel = await h.webhook(target);
    const opened = h.event(BotEventType.TradeOpened, {
      tradeId: randomUUID(),
      side: 'BUY',
      price: '51234.5',
      qty: '0.0195',
      quoteQty: '999.07',
      fee: '0.0000195',
      feeAsset: 'BTC',
      feeEstimated: false,
      time: new Date().toISOString(),
    });
    await h.publish(opened);
    const delivery = await h.settled(channel.id, opened.id);

    expect(target.received).toHaveLength(1);
    const [{ headers, body }] = target.received;
    expect(headers['content-type']).toBe('application/json');
    expect(headers['x-tradebot-event']).toBe('trade.opened');
    expect(headers['x-tradebot-delivery']).toBe(opened.id);
    const timestamp = headers['x-tradebot-timestamp'] as string;
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(30);
    // Verified the way docs/notifications.md tells receivers to, with the secret from the
    // create response.
    const expected = createHmac('sha256', channel.secret)
      .update(`${timestamp}.${body}`)
      .digest('hex');
    expect(headers['x-tradebot-signature']).toBe(expected);

    expect(JSON.parse(body)).toEqual({
      id: opened.id,
      type: 'trade.opened',
      time: opened.time,
      test: false,
      bot: opened.bot,
      data: opened.data,
    });
    expect(delivery).toMatchObject({ status: 'succeeded', eventType: 'trade.opened', test: false });
    expect(delivery.payload).toEqual(JSON.parse(body));
    expect(delivery.attempts).toEqual([
      expect.objectContaining({ attempt: 1, status: 'succeeded', responseCode: 200, error: null }),
    ]);
  });

  it('matches the OpenAPI schema of its type, field for field', async () => {
    const spec = (await ctx.testApp.http.get('/docs-json').expect(200)).body;
    const schemas = spec.components.schemas;
    const target = await h.receiver();
    await h.webhook(target);
    const closed = h.event(BotEventType.TradeClosed, {
      tradeId: randomUUID(),
      side: 'SELL',
      price: '52210.1',
      qty: '0.0194',
      quoteQty: '1012.88',
      fee: '1.01288',
      feeAsset: 'USDT',
      feeEstimated: false,
      pnl: '12.8',
      reason: 'take_profit',
      time: new Date().toISOString(),
    });
    await h.publish(closed);
    await waitFor(async () => (target.received.length ? true : undefined), 'the request');
    const payload = target.events()[0] as { data: object };
    const schema = schemas.TradeClosedEventDto;
    expect(Object.keys(payload).sort()).toEqual(Object.keys(schema.properties).sort());
    expect(Object.keys(payload.data).sort()).toEqual(
      Object.keys(schemas.TradeClosedDataDto.properties).sort(),
    );
    expect(schema.properties.type.enum).toEqual(['trade.closed']);
  });

  it('retries a receiver that fails twice: three requests, one delivery id, three attempts logged', async () => {
    const target = await h.receiver((n) => (n <= 2 ? 503 : 200));
    const channel = await h.webhook(target);
    const error = h.event(BotEventType.BotError, { reason: 'market data unavailable' });
    await h.publish(error);
    const delivery = await h.settled(channel.id, error.id);

    expect(target.received).toHaveLength(3);
    expect(target.received.map((r) => r.headers['x-tradebot-delivery'])).toEqual([
      error.id,
      error.id,
      error.id,
    ]);
    // The same bytes every time, so receivers can de-duplicate on the id alone.
    expect(new Set(target.received.map((r) => r.body)).size).toBe(1);
    expect(delivery.status).toBe('succeeded');
    expect(delivery.attempts.map((a) => [a.attempt, a.status, a.responseCode, a.error])).toEqual([
      [1, 'failed', 503, 'receiver answered 503'],
      [2, 'failed', 503, 'receiver answered 503'],
      [3, 'succeeded', 200, null],
    ]);
  });

  it('gives up at once on a 410: one attempt, delivery failed', async () => {
    const target = await h.receiver(() => 410);
    const channel = await h.webhook(target);
    const stopped = h.event(BotEventType.BotStopped, { closePosition: false });
    await h.publish(stopped);
    const delivery = await h.settled(channel.id, stopped.id);
    await sleep(500); // many backoffs of 50 ms: any retry would have come by now
    expect(target.received).toHaveLength(1);
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts).toEqual([
      expect.objectContaining({ attempt: 1, status: 'failed', responseCode: 410 }),
    ]);
  });

  it('cuts a hanging receiver at 5 s, and publishing (the tick) is not slowed by it', async () => {
    const target = await h.receiver((n) => (n === 1 ? 'hang' : 200));
    const channel = await h.webhook(target);
    const first = h.event(BotEventType.BotStarted, STARTED);
    let started = performance.now();
    await h.publish(first);
    const firstPublishMs = performance.now() - started;
    await waitFor(async () => (target.received.length ? true : undefined), 'the hanging request');

    // While that request hangs, the next tick's publish.
    const second = h.event(BotEventType.BotResumed, { reason: 'a new UTC day began' });
    started = performance.now();
    await h.publish(second);
    const secondPublishMs = performance.now() - started;
    expect(firstPublishMs).toBeLessThan(100);
    expect(secondPublishMs).toBeLessThan(100);

    const delivery = await h.settled(channel.id, first.id);
    expect(delivery.status).toBe('succeeded');
    const [cut, retried] = delivery.attempts;
    expect(cut).toMatchObject({ attempt: 1, status: 'failed', responseCode: null });
    expect(cut.error).toBe('no answer within 5000 ms');
    expect(cut.durationMs).toBeGreaterThanOrEqual(4900);
    expect(cut.durationMs).toBeLessThan(6500);
    expect(retried).toMatchObject({ attempt: 2, status: 'succeeded', responseCode: 200 });
    expect((await h.settled(channel.id, second.id)).status).toBe('succeeded');
  }, 30_000);

  it('delivers an event published twice (even at once) only once', async () => {
    const target = await h.receiver();
    const channel = await h.webhook(target);
    const paused = h.event(BotEventType.BotPaused, {
      limit: 'daily_loss_limit',
      reason: 'dailyLossLimitQuote reached: realized -51.2 today (limit -50)',
    });
    await Promise.all([h.publish(paused), h.publish(paused)]);
    await h.settled(channel.id, paused.id);
    await h.publish(paused);
    await sleep(300);
    expect(target.received).toHaveLength(1);
    expect(await h.deliveries(channel.id)).toHaveLength(1);
  });

  it("honours the event and bot filters, and never crosses to another user's channels", async () => {
    const other = await insertPaperBot(ctx.testApp.dataSource, { userId: ctx.user.id });
    const target = await h.receiver();
    const channel = await h.webhook(target, {
      events: ['trade.closed', 'order.rejected'],
      botIds: [ctx.bot.id],
    });
    const stranger = await insertPaperBot(ctx.testApp.dataSource); // another user's bot
    const rejected = (bot: BotConfig) =>
      h.event(
        BotEventType.OrderRejected,
        {
          clientOrderId: `tb${randomUUID().replace(/-/g, '')}`,
          side: 'BUY',
          reason: 'insufficient balance',
        },
        bot,
      );
    const wanted = rejected(ctx.bot);
    await h.publish(
      h.event(BotEventType.BotStarted, STARTED), // type not in the filter
      rejected(other), // bot not in the filter
      rejected(stranger), // someone else's bot
      wanted,
    );
    await h.settled(channel.id, wanted.id);
    await sleep(300);
    expect(target.events().map((e) => e.id)).toEqual([wanted.id]);
  });

  it('sends a test event to one channel on request, whatever its filters', async () => {
    const target = await h.receiver();
    const channel = await h.webhook(target, { events: ['trade.closed'] });
    const response = await h
      .api()
      .post(`/api/notification-channels/${channel.id}/test`)
      .expect(202);
    expect(response.body).toEqual({
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      deliveryId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const delivery = await h.settled(channel.id, response.body.eventId);
    expect(delivery).toMatchObject({ status: 'succeeded', test: true, eventType: 'bot.started' });
    expect(target.received[0].headers['x-tradebot-event']).toBe('bot.started');
    expect(target.events()[0]).toMatchObject({
      id: response.body.eventId,
      type: 'bot.started',
      test: true,
      bot: { id: '00000000-0000-0000-0000-000000000000', name: 'tradebot test' },
      data: {},
    });
  });

  it('disables a channel after 20 failed deliveries in a row and tells the other channels', async () => {
    const dead = await h.receiver(() => 404);
    const deadChannel = await h.webhook(dead);
    const alive = await h.receiver();
    // Filtered to trade.closed: the notice about a disabled channel comes regardless.
    const aliveChannel = await h.webhook(alive, { events: ['trade.closed'] });
    const errors = Array.from({ length: 20 }, (_, i) =>
      h.event(BotEventType.BotError, { reason: `failure ${i}` }),
    );
    await h.publish(...errors);

    const notice = await waitFor(
      async () => alive.events().find((e) => e.type === 'channel.disabled'),
      'the channel.disabled notice',
    );
    expect(notice).toMatchObject({
      type: 'channel.disabled',
      test: false,
      bot: null,
      data: {
        channelId: deadChannel.id,
        channelType: 'webhook',
        target: new URL(dead.url).host,
        failures: 20,
        lastError: 'receiver answered 404',
      },
    });
    expect(alive.received).toHaveLength(1);
    const shown = await h.api().get(`/api/notification-channels/${deadChannel.id}`).expect(200);
    expect(shown.body).toMatchObject({ enabled: false, consecutiveFailures: 20 });
    expect(shown.body.disabledReason).toMatch(/^20 deliveries failed in a row/);
    // The receiver has the POST before the worker records its answer.
    const log = await waitFor(async () => {
      const deliveries = await h.deliveries(aliveChannel.id);
      return deliveries[0]?.status === 'pending' ? undefined : deliveries;
    }, 'the notice delivery recorded');
    expect(log[0]).toMatchObject({ eventType: 'channel.disabled', status: 'succeeded' });

    // Disabled: no more deliveries, until switched back on (which clears the count).
    await h.publish(h.event(BotEventType.BotError, { reason: 'one more' }));
    await sleep(300);
    expect(dead.received).toHaveLength(20);
    const enabled = await h
      .api()
      .patch(`/api/notification-channels/${deadChannel.id}`)
      .send({ enabled: true })
      .expect(200);
    expect(enabled.body).toMatchObject({
      enabled: true,
      consecutiveFailures: 0,
      disabledReason: null,
    });
  });

  it('keeps the channel secret out of every later response and every log line', async () => {
    const target = await h.receiver();
    const channel = await h.webhook(target);
    await h.api().post(`/api/notification-channels/${channel.id}/test`).expect(202);
    await waitFor(async () => (target.received.length ? true : undefined), 'the test event');
    const texts = [
      (await h.api().get('/api/notification-channels').expect(200)).text,
      (await h.api().get(`/api/notification-channels/${channel.id}`).expect(200)).text,
      (await h.api().get(`/api/notification-channels/${channel.id}/deliveries`).expect(200)).text,
      target.received[0].body,
      ctx.logs.text(),
    ];
    expect(channel.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    for (const text of texts) expect(text).not.toContain(channel.secret);
    const [row] = await ctx.testApp.dataSource.query(
      'SELECT * FROM notification_channel WHERE id = $1',
      [channel.id],
    );
    for (const value of Object.values(row)) expect(String(value)).not.toContain(channel.secret);
    expect(row.secret_encrypted).toMatch(/^v1:/);
  });
});

describe('webhook notifications without Redis (in-process queue, same handler)', () => {
  const h = notificationsHarness(() => ({ REDIS_URL: '' }));

  it('retries a receiver that fails twice: three requests, one delivery id, three attempts logged', async () => {
    const target = await h.receiver((n) => (n <= 2 ? 500 : 204));
    const channel = await h.webhook(target);
    const error = h.event(BotEventType.BotError, { reason: 'exchange unreachable' });
    const started = performance.now();
    await h.publish(error);
    expect(performance.now() - started).toBeLessThan(100);
    const delivery = await h.settled(channel.id, error.id);
    expect(target.received.map((r) => r.headers['x-tradebot-delivery'])).toEqual([
      error.id,
      error.id,
      error.id,
    ]);
    expect(delivery.status).toBe('succeeded');
    expect(delivery.attempts.map((a) => [a.status, a.responseCode])).toEqual([
      ['failed', 500],
      ['failed', 500],
      ['succeeded', 204],
    ]);
  });

  it('gives up at once on a 410', async () => {
    const target = await h.receiver(() => 410);
    const channel = await h.webhook(target);
    const stopped = h.event(BotEventType.BotStopped, { closePosition: true });
    await h.publish(stopped);
    const delivery = await h.settled(channel.id, stopped.id);
    await sleep(300);
    expect(target.received).toHaveLength(1);
    expect(delivery).toMatchObject({ status: 'failed', attempts: [{ responseCode: 410 }] });
  });
});
