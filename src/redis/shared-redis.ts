import { Inject, Injectable, Module, type OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';

/**
 * The one Redis connection for state every worker shares (rate limits, candles); absent in
 * the embedded default, where such state stays in the process.
 */
@Injectable()
export class SharedRedis implements OnModuleDestroy {
  readonly client?: Redis;

  constructor(@Inject(AppConfig) config: AppConfig) {
    if (config.redisUrl) {
      // A lost Redis fails a call quickly (callers fall back or retry later) instead of
      // queueing it behind a reconnect.
      this.client = new Redis(config.redisUrl, { maxRetriesPerRequest: 1 });
      this.client.on('error', () => undefined);
    }
  }

  onModuleDestroy(): void {
    this.client?.disconnect();
  }
}

/** Imported by the modules that share state through Redis (auth, rate limits, the exchange). */
@Module({ providers: [SharedRedis], exports: [SharedRedis] })
export class SharedRedisModule {}
