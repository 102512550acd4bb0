/** Shared by the notifications e2e specs: loopback receivers and an app harness. */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotConfig } from '../../src/database/entities/bot-config.entity';
import {
  type BotEvent,
  type BotEventData,
  BotEventPublisher,
  BotEventType,
} from '../../src/kernel/bot-event';
import { insertPaperBot } from '../factories/bot.factory';
import { CapturedLogs } from '../utils/captured-logs';
import {
  adminLogin,
  createTestApp,
  createUser,
  type TestApp,
  type TestAppOptions,
} from '../utils/test-app';
import { waitFor } from '../utils/wait-for';

/** What the receiver answers to its n-th request (1-based). */
export type Script = (n: number) => number | 'hang';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on loopback that answers by script and records every request. */
export class Receiver {
  readonly received: Received[] = [];
  private readonly hanging: ServerResponse[] = [];
  private readonly server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString() });
      const answer = this.script(this.received.length);
      if (answer === 'hang') this.hanging.push(response);
      else response.writeHead(answer).end();
    });
  });
  url = '';

  constructor(private readonly script: Script = () => 200) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    return this;
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  events(): Record<string, unknown>[] {
    return this.received.map((request) => JSON.parse(request.body));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface DeliveryBody {
  eventId: string;
  eventType: string;
  status: string;
  test: boolean;
  payload: Record<string, unknown>;
  attempts: {
    attempt: number;
    status: string;
    responseCode: number | null;
    error: string | null;
    durationMs: number;
  }[];
}

/**
 * An app with fast retries; every test gets its own user and bot, so one test's failing
 * channels never count against (or notify) another's. The receivers listen on loopback,
 * which webhooks reach only with the operator's opt-in: on unless env turns it off.
 */
export function notificationsHarness(
  env: () => Record<string, string> = () => ({}),
  override?: TestAppOptions['override'],
) {
  const ctx = {} as {
    testApp: TestApp;
    adminToken: string;
    user: { id: string; token: string };
    bot: BotConfig;
    logs: CapturedLogs;
    receivers: Receiver[];
  };

  beforeAll(async () => {
    ctx.logs = new CapturedLogs();
    ctx.testApp = await createTestApp(
      { NOTIFICATION_RETRY_BASE_MS: '50', WEBHOOK_ALLOW_PRIVATE: 'true', ...env() },
      { logger: ctx.logs, override },
    );
    ctx.adminToken = await adminLogin(ctx.testApp.http);
    ctx.receivers = [];
    ctx.logs.captureStreams();
  });

  beforeEach(async () => {
    ctx.user = await createUser(ctx.testApp.http, ctx.adminToken);
    ctx.bot = await insertPaperBot(ctx.testApp.dataSource, {
      userId: ctx.user.id,
      name: 'BTC swing',
    });
  });

  afterAll(async () => {
    ctx.logs.restore();
    await ctx.testApp.close();
    await Promise.all(ctx.receivers.map((receiver) => receiver.stop()));
  });

  const api = (token = ctx.user.token) => ({
    get: (path: string) => ctx.testApp.http.get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string) => ctx.testApp.http.post(path).set('Authorization', `Bearer ${token}`),
    patch: (path: string) => ctx.testApp.http.patch(path).set('Authorization', `Bearer ${token}`),
  });

  async function receiver(script?: Script): Promise<Receiver> {
    const started = await new Receiver(script).start();
    ctx.receivers.push(started);
    return started;
  }

  async function webhook(target: Receiver, extra: Record<string, unknown> = {}) {
    const response = await api()
      .post('/api/notification-channels')
      .send({ type: 'webhook', url: target.url, ...extra })
      .expect(201);
    return { id: response.body.id as string, secret: response.body.secret as string };
  }

  function event<T extends BotEventType>(
    type: T,
    data: BotEventData[T],
    bot: BotConfig = ctx.bot,
  ): BotEvent<T> {
    return {
      id: randomUUID(),
      type,
      time: new Date().toISOString(),
      userId: bot.userId,
      bot: { id: bot.id, name: bot.name, symbol: bot.symbol, mode: bot.mode },
      data,
    };
  }

  const publish = (...events: BotEvent[]) => ctx.testApp.app.get(BotEventPublisher).publish(events);

  async function deliveries(channelId: string): Promise<DeliveryBody[]> {
    const response = await api().get(`/api/notification-channels/${channelId}/deliveries`);
    expect(response.status).toBe(200);
    return response.body;
  }

  /** The delivery of an event once it is no longer pending. */
  function settled(channelId: string, eventId: string): Promise<DeliveryBody> {
    return waitFor(async () => {
      const found = (await deliveries(channelId)).find((d) => d.eventId === eventId);
      return found && found.status !== 'pending' ? found : undefined;
    }, `delivery of ${eventId}`);
  }

  return { ctx, api, receiver, webhook, event, publish, deliveries, settled };
}
