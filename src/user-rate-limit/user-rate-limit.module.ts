import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { SharedRedis, SharedRedisModule } from '../redis/shared-redis';
import { UserRateLimitGuard } from './rate-limit-per-user.guard';
import { RedisUserRateLimitStore } from './redis-user-rate-limit-store';
import { InMemoryUserRateLimitStore, USER_RATE_LIMIT_STORE } from './user-rate-limit-store';
import { USER_RATE_WINDOW_MS, UserRateLimiter } from './user-rate-limiter.service';

/** With Redis every API process counts the same requests; without, this one does. */
@Module({
  imports: [SharedRedisModule],
  providers: [
    {
      provide: USER_RATE_LIMIT_STORE,
      useFactory: (redis: SharedRedis, config: AppConfig) =>
        redis.client
          ? new RedisUserRateLimitStore(redis.client, config.queuePrefix, USER_RATE_WINDOW_MS)
          : new InMemoryUserRateLimitStore(USER_RATE_WINDOW_MS),
      inject: [SharedRedis, AppConfig],
    },
    UserRateLimiter,
    UserRateLimitGuard,
  ],
  exports: [UserRateLimiter, UserRateLimitGuard, USER_RATE_LIMIT_STORE],
})
export class UserRateLimitModule {}
