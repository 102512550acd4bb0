import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { DatabaseProbe } from '../database/database-probe';
import type { DependencyHealthDto, HealthReportDto, MarketDataHealthDto } from './health.dto';
import { MarketDataStatus } from './market-data-status';

const CHECK_TIMEOUT_MS = 2000;

@Injectable()
export class HealthService implements OnModuleDestroy {
  private readonly redis?: Redis;

  constructor(
    private readonly database: DatabaseProbe,
    private readonly config: AppConfig,
    private readonly marketData: MarketDataStatus,
  ) {
    if (config.redisUrl) {
      // A ping waits for a connection in progress but fails as soon as an attempt fails,
      // so the check answers quickly while Redis is unreachable.
      this.redis = new Redis(config.redisUrl, {
        maxRetriesPerRequest: 0,
        connectTimeout: CHECK_TIMEOUT_MS,
        retryStrategy: () => 1000,
      });
      this.redis.on('error', () => undefined);
    }
  }

  async check(): Promise<HealthReportDto> {
    const database = await probe(this.databaseKind(), () => this.database.ping());
    const redis = this.redis ? await probe('redis', () => this.redis!.ping()) : undefined;
    const up = database.status === 'up' && (!redis || redis.status === 'up');
    return {
      status: up ? 'ok' : 'degraded',
      database,
      ...(redis ? { redis } : {}),
      marketData: this.marketDataHealth(),
    };
  }

  /** This process's view: set when a paper bot's or a chart's candles failed on the host. */
  private marketDataHealth(): MarketDataHealthDto {
    const since = this.marketData.unreachableSince();
    return since
      ? { status: 'unreachable', unreachableSince: since.toISOString() }
      : { status: 'reachable' };
  }

  async onModuleDestroy(): Promise<void> {
    this.redis?.disconnect();
  }

  private databaseKind(): string {
    return this.config.embeddedDatabase ? 'embedded-postgres' : 'postgres';
  }
}

async function probe(kind: string, check: () => Promise<unknown>): Promise<DependencyHealthDto> {
  const started = performance.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) =>
        setTimeout(
          () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        ).unref(),
      ),
    ]);
    return { status: 'up', kind, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      status: 'down',
      kind,
      error: (error as Error).message,
      latencyMs: Math.round(performance.now() - started),
    };
  }
}
