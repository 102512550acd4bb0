import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  HttpException,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { AppMetrics } from './app-metrics';
import { requestPath } from './request-target';
import { ScrapeAuth } from './scrape-auth';

/**
 * /metrics on METRICS_PORT, for a process that serves no API (worker.ts): the same numbers
 * and the same authorization as the API's route, on a bare HTTP server of its own.
 */
@Injectable()
export class MetricsPortServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsPortServer.name);
  private server?: Server;

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: AppMetrics,
    private readonly scrapeAuth: ScrapeAuth,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.metricsPort === undefined) return;
    const server = createServer((request, response) => void this.serve(request, response));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.metricsPort, this.config.metricsHost, () => resolve());
    });
    const { address, port } = server.address() as AddressInfo;
    this.logger.log(`metrics on http://${address}:${port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Nothing may escape: a rejection no one handles would end the process. */
  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const { status, type, body } = await this.answer(request);
      response.writeHead(status, { 'content-type': type }).end(body);
    } catch (error) {
      this.logger.error(`metrics request failed: ${(error as Error).message}`);
      response.destroy();
    }
  }

  private async answer({
    method,
    url,
    headers,
  }: IncomingMessage): Promise<{ status: number; type: string; body: string }> {
    const path = requestPath(url ?? '');
    if (path === undefined) return problem(400, 'malformed request target');
    if (method !== 'GET' || path !== '/metrics') return problem(404, `Cannot ${method} ${path}`);
    try {
      await this.scrapeAuth.authorize(headers.authorization);
      return {
        status: 200,
        type: this.metrics.registry.contentType,
        body: await this.metrics.registry.metrics(),
      };
    } catch (error) {
      if (error instanceof HttpException) return problem(error.getStatus(), error.message);
      this.logger.error(`metrics scrape failed: ${(error as Error).message}`);
      return problem(500, 'internal error');
    }
  }
}

/** The API's error shape, as far as a bare server can give it. */
function problem(status: number, message: string) {
  return {
    status,
    type: 'application/json; charset=utf-8',
    body: JSON.stringify({ statusCode: status, error: STATUS_CODES[status], message }),
  };
}
