import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HostAllowList } from '../../common/network/host-allow-list';
import { WebhookTargetPolicy } from '../webhook-target';
import type { HostResolver } from './guarded-lookup';
import { WebhookChannel, webhookOutcome } from './webhook.channel';

describe('webhookOutcome', () => {
  it('takes any 2xx as delivered', () => {
    for (const status of [200, 201, 202, 204, 299]) {
      expect(webhookOutcome(status)).toEqual({
        ok: true,
        final: false,
        responseCode: status,
        error: null,
      });
    }
  });

  it('retries 408, 429, 3xx and 5xx, and gives up at once on other 4xx', () => {
    const final = (status: number) => webhookOutcome(status).final;
    expect([408, 429, 301, 500, 502, 503].map(final)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect([400, 401, 403, 404, 410, 422].map(final)).toEqual([true, true, true, true, true, true]);
    expect(webhookOutcome(410)).toMatchObject({
      ok: false,
      responseCode: 410,
      error: 'receiver answered 410',
    });
  });
});

/** A loopback server that counts connections, so "nothing reached it" means no TCP at all. */
class LoopbackServer {
  connections = 0;
  requests = 0;
  private readonly server: Server;

  constructor(answer: (response: ServerResponse) => void) {
    this.server = createServer((_request, response) => {
      this.requests += 1;
      answer(response);
    });
    this.server.on('connection', () => (this.connections += 1));
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('WebhookChannel.send', () => {
  // Every name under .test is loopback here: the DNS answer a rebinding attacker would give.
  const resolver: HostResolver = {
    resolve: async (hostname) => {
      if (hostname.endsWith('.test')) return [{ address: '127.0.0.1', family: 4 }];
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    },
  };
  const channel = (allowPrivate: boolean, allowHosts: string[] = []) =>
    new WebhookChannel(
      new WebhookTargetPolicy({ allowPrivate, allowList: HostAllowList.parse(allowHosts) }),
      resolver,
    );
  const request = (url: string) => ({
    url,
    secret: 's'.repeat(32),
    eventType: 'bot.error',
    eventId: 'e1',
    body: '{}',
  });
  const servers: LoopbackServer[] = [];
  async function server(answer = (response: ServerResponse) => response.writeHead(204).end()) {
    const started = new LoopbackServer(answer);
    servers.push(started);
    return { server: started, port: await started.start() };
  }
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });

  const REFUSED = { ok: false, final: true, responseCode: null, error: 'refused: private address' };

  it('refuses a loopback address in the URL without opening a connection', async () => {
    const { server: target, port } = await server();
    for (const url of [
      `http://127.0.0.1:${port}/hook`,
      `http://localhost:${port}/`,
      `http://2130706433:${port}/`,
    ]) {
      expect(await channel(false).send(request(url))).toEqual(REFUSED);
    }
    expect(target.connections).toBe(0);
  });

  it('refuses a name that resolves to loopback at send time, without opening a connection', async () => {
    const { server: target, port } = await server();
    expect(await channel(false).send(request(`http://hooks.rebind.test:${port}/hook`))).toEqual(
      REFUSED,
    );
    expect(target.connections).toBe(0);
  });

  it('connects where the resolver says when the operator allows it', async () => {
    const { server: target, port } = await server();
    const url = `http://hooks.rebind.test:${port}/hook`;
    expect(await channel(true).send(request(url))).toMatchObject({ ok: true, responseCode: 204 });
    expect(await channel(false, ['hooks.rebind.test']).send(request(url))).toMatchObject({
      ok: true,
    });
    expect(await channel(false, ['127.0.0.0/8']).send(request(url))).toMatchObject({ ok: true });
    expect(target.requests).toBe(3);
  });

  it('does not follow a redirect, to a private address or anywhere', async () => {
    const { server: inside, port: insidePort } = await server();
    const { port } = await server((response) =>
      response.writeHead(302, { Location: `http://127.0.0.1:${insidePort}/admin` }).end(),
    );
    const outcome = await channel(false, ['hooks.rebind.test']).send(
      request(`http://hooks.rebind.test:${port}/hook`),
    );
    expect(outcome).toMatchObject({ ok: false, final: false, responseCode: 302 });
    expect(inside.connections).toBe(0);
  });

  it('says which transport error it met for an allowed target', async () => {
    const { server: gone, port } = await server();
    await servers.splice(servers.indexOf(gone), 1)[0].stop();
    expect(await channel(true).send(request(`http://127.0.0.1:${port}/`))).toEqual({
      ok: false,
      final: false,
      responseCode: null,
      error: 'request failed: ECONNREFUSED',
    });
    expect(await channel(true).send(request('http://unknown.invalid/'))).toMatchObject({
      error: 'request failed: ENOTFOUND',
    });
  });
});
