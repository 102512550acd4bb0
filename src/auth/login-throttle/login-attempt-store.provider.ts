import type { Provider } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { SharedRedis } from '../../redis/shared-redis';
import { InMemoryLoginAttemptStore, LOGIN_ATTEMPT_STORE } from './login-attempt-store';
import { RedisLoginAttemptStore } from './redis-login-attempt-store';

/** With Redis every API process counts the same attempts; without, this one does. */
export const loginAttemptStoreProvider: Provider = {
  provide: LOGIN_ATTEMPT_STORE,
  useFactory: (redis: SharedRedis, config: AppConfig) =>
    redis.client
      ? new RedisLoginAttemptStore(redis.client, config.queuePrefix)
      : new InMemoryLoginAttemptStore(),
  inject: [SharedRedis, AppConfig],
};
