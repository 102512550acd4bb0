import type { Provider } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { SharedRedis } from '../../redis/shared-redis';
import { RATE_LIMIT_STORE } from './binance-venues';
import { InMemoryRateLimitStore } from './rate-limit/rate-limit-store';
import { RedisRateLimitStore } from './rate-limit/redis-rate-limit-store';

/** With Redis every worker shares the weight budget and bans; without, this process does. */
export const rateLimitStoreProvider: Provider = {
  provide: RATE_LIMIT_STORE,
  useFactory: (redis: SharedRedis, config: AppConfig) =>
    redis.client
      ? new RedisRateLimitStore(redis.client, config.queuePrefix)
      : new InMemoryRateLimitStore(),
  inject: [SharedRedis, AppConfig],
};
