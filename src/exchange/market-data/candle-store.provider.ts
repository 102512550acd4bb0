import type { Provider } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { SharedRedis } from '../../redis/shared-redis';
import { CANDLE_STORE, ProcessCandleStore, RedisCandleStore } from './candle-store';

export const candleStoreProvider: Provider = {
  provide: CANDLE_STORE,
  useFactory: (redis: SharedRedis, config: AppConfig) =>
    redis.client
      ? new RedisCandleStore(redis.client, config.queuePrefix)
      : new ProcessCandleStore(),
  inject: [SharedRedis, AppConfig],
};
