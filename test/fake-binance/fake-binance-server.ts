import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccountBook } from './account-book';
import { BinanceError } from './binance-error';
import { D } from './decimals';
import type { FakeBinanceOptions, RecordedRequest } from './fake-binance.types';
import { type Fault, FaultRegistry } from './faults';
import { MarketData } from './market-data';
import { queriedOrderJson } from './order-json';
import type { PricePathOptions, PriceSeries } from './price-path';
import { gatewayReply, NOT_FOUND, rateLimitReply, type Reply } from './replies';
import { parseRequest, type ParsedRequest } from './request-params';
import { createRoutes, type Route } from './routes';
import { authenticate } from './signed-request';
import { type SymbolSpec, toSymbolSpec } from './symbol-spec';
import { WeightLimiter } from './weight-limiter';

function withoutSignature(params: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter(([name]) => name !== 'signature'));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * A Binance Spot REST server on loopback, close enough to the real one that
 * @binance/connector cannot tell: market data from scripted price paths, MARKET orders
 * against in-memory accounts, signatures, timing, request weight and bans, and faults
 * scripted per request.
 */
export class FakeBinanceServer {
  /** Every request received, in order, with the status answered. */
  readonly requests: RecordedRequest[] = [];
  readonly faults = new FaultRegistry();
  private readonly specs: Map<string, SymbolSpec>;
  private readonly market: MarketData;
  private readonly book: AccountBook;
  private readonly limiter: WeightLimiter;
  private readonly routes: Route[];
  private readonly clock: () => number;
  private readonly timers = new Set<NodeJS.Timeout>();
  private server?: Server;
  private url?: string;

  constructor(options: FakeBinanceOptions) {
    this.clock = options.now ?? Date.now;
    this.specs = new Map(options.symbols.map((config) => [config.symbol, toSymbolSpec(config)]));
    this.market = new MarketData(this.specs.values());
    const commissionRate = new D(options.commissionRate ?? '0.001');
    this.book = new AccountBook(options.accounts ?? {}, commissionRate, options.fillsPerOrder ?? 1);
    this.limiter = new WeightLimiter({
      limit: options.weightLimit ?? 6000,
      banAfterRequests: options.banAfterRequests ?? 3,
      banMs: options.banMs ?? 120_000,
    });
    this.routes = createRoutes({
      specs: this.specs,
      market: this.market,
      book: this.book,
      faults: this.faults,
      weightLimit: this.limiter.limit,
      commissionRate,
      slippage: options.slippage ?? 0,
    });
  }

  /** Listens on 127.0.0.1 (port 0: any free port) and resolves to the base URL for the connector. */
  async start(port = 0): Promise<string> {
    // A client that aborts mid-body leaves nothing to answer.
    const server = createServer((req, res) => {
      this.handle(req, res).catch(() => req.socket.destroy());
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get baseURL(): string {
    if (!this.url) throw new Error('FakeBinanceServer is not started');
    return this.url;
  }

  /** Server time: the injected clock plus any scripted skew. */
  now(): number {
    return this.clock() + this.faults.clockSkewMs;
  }

  /** Scripts a symbol's prices from now on (and its history, see PricePathOptions). */
  setPricePath(symbol: string, series: PriceSeries, options: PricePathOptions = {}): void {
    this.market.setPath(symbol, series, options, this.now());
  }

  /** The current price, as /ticker/price prints it. */
  price(symbol: string): string {
    const spec = this.specs.get(symbol);
    if (!spec) throw new Error(`Unknown symbol ${symbol}`);
    return this.market.currentPrice(spec, this.now()).toFixed(8);
  }

  balances(apiKey: string): Record<string, { free: string; locked: string }> {
    this.book.settle(this.now());
    const balances = [...this.book.balances(apiKey)].map(
      ([asset, b]) => [asset, { free: b.free.toFixed(8), locked: b.locked.toFixed(8) }] as const,
    );
    return Object.fromEntries(balances);
  }

  setBalance(apiKey: string, asset: string, free: string | number): void {
    this.book.setBalance(apiKey, asset, new D(free));
  }

  /** Orders as GET /api/v3/order shows them, oldest first, optionally of one account. */
  orders(apiKey?: string): ReturnType<typeof queriedOrderJson>[] {
    this.book.settle(this.now());
    return this.book
      .orders()
      .filter((order) => apiKey === undefined || order.apiKey === apiKey)
      .map(queriedOrderJson);
  }

  usedWeight(): number {
    return this.limiter.usedWeight(this.now());
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const apiKeyHeader = req.headers['x-mbx-apikey'];
    const request = parseRequest(
      req.method ?? 'GET',
      req.url ?? '/',
      body,
      req.headers['content-type'],
      Array.isArray(apiKeyHeader) ? apiKeyHeader[0] : apiKeyHeader,
    );
    const arrival = this.now();
    const record: RecordedRequest = {
      method: request.method,
      path: request.path,
      params: withoutSignature(request.params),
      apiKey: request.apiKey || undefined,
      time: arrival,
      status: null,
    };
    this.requests.push(record);

    const route = this.routes.find((r) => r.method === request.method && r.path === request.path);
    const admission = this.limiter.admit(route ? route.weight(request.params) : 1, arrival);
    if (admission.kind !== 'admitted') {
      const ip = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
      return this.reply(res, record, rateLimitReply(admission, ip, this.limiter.limit));
    }
    if (!route) return this.reply(res, record, NOT_FOUND);

    const fault = this.faults.take(request.method, request.path, request.params);
    await this.answer(req, res, record, () => this.execute(route, request, fault), fault);
  }

  private async answer(
    req: IncomingMessage,
    res: ServerResponse,
    record: RecordedRequest,
    run: () => Reply,
    fault: Fault | undefined,
  ): Promise<void> {
    switch (fault?.type) {
      case undefined:
      case 'queue':
        return this.reply(res, record, run());
      case 'status':
        if (fault.executeFirst) run();
        return this.reply(res, record, gatewayReply(fault.status, fault.body));
      case 'error':
        if (fault.executeFirst) run();
        return this.reply(res, record, {
          status: fault.httpStatus,
          body: { code: fault.code, msg: fault.msg },
        });
      case 'delay': {
        const early = fault.executeFirst ? run() : undefined;
        await this.sleep(fault.ms);
        return this.reply(res, record, early ?? run());
      }
      case 'drop':
        if (fault.executeFirst ?? true) run();
        req.socket.destroy();
        return;
    }
  }

  /** Runs the endpoint at the current server time; Binance errors become their JSON answers. */
  private execute(route: Route, request: ParsedRequest, fault: Fault | undefined): Reply {
    const now = this.now();
    this.book.settle(now);
    try {
      const apiKey = route.signed
        ? authenticate(request, (key) => this.book.secretOf(key), now)
        : '';
      const fillDelayMs = fault?.type === 'queue' ? fault.ms : 0;
      return {
        status: 200,
        body: route.handle({ params: request.params, now, apiKey, fillDelayMs }),
      };
    } catch (error) {
      if (error instanceof BinanceError) {
        return { status: error.httpStatus, body: { code: error.code, msg: error.msg } };
      }
      return { status: 500, body: { code: -1000, msg: `Fake Binance bug: ${String(error)}` } };
    }
  }

  private reply(res: ServerResponse, record: RecordedRequest, reply: Reply): void {
    const used = this.limiter.usedWeight(this.now());
    const json = typeof reply.body !== 'string';
    res.writeHead(reply.status, {
      'Content-Type': json ? 'application/json;charset=UTF-8' : 'text/html',
      'X-MBX-USED-WEIGHT': used,
      'X-MBX-USED-WEIGHT-1M': used,
      ...reply.headers,
    });
    res.end(json ? JSON.stringify(reply.body) : reply.body);
    record.status = reply.status;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}
