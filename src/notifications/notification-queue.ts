import type { AppConfig } from '../config/app-config';
import type { BackoffStrategy } from '../queue/job-queue';
import { jobWorker } from '../queue/job-worker';
import { BackoffStrategyName, QueueName } from '../queue/queue.constants';
import { QueueModule } from '../queue/queue.module';
import { DeliveryJobHandler } from './delivery-job-handler.service';
import { notificationRetryDelay } from './retry-delay';

/** Registered with Bull's queue settings and the in-process queue alike. */
export function notificationBackoffStrategies(config: AppConfig): Record<string, BackoffStrategy> {
  return {
    [BackoffStrategyName.NotificationRetry]: (attemptsMade) =>
      notificationRetryDelay(attemptsMade, config.notificationRetryBaseMs),
  };
}

/** The deliveries' own queue (injected as NOTIFICATION_QUEUE), so a backlog never delays a tick. */
export const notificationQueue = QueueModule.forFeature({
  name: QueueName.Notifications,
  backoffStrategies: notificationBackoffStrategies,
});

/** Consumes deliveries; an API-only process under Bull (no job concurrency) does not. */
export const notificationWorker = jobWorker({
  queue: QueueName.Notifications,
  handler: DeliveryJobHandler,
  concurrency: (config) => config.notificationConcurrency,
});
