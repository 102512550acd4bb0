import { Inject, Injectable, type OnApplicationBootstrap, type Provider } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { AppConfig } from '../config/app-config';
import { processBullJobs } from '../queue/bull-job-processor';
import { BullJobQueue } from '../queue/bull-job-queue';
import { type BackoffStrategy, InProcessJobQueue } from '../queue/in-process-job-queue';
import type { JobHandler } from '../queue/job-queue';
import { BackoffStrategyName, QueueName } from '../queue/queue.constants';
import { DeliveryJobHandler } from './delivery-job-handler.service';
import { NOTIFICATION_QUEUE } from './notification-queue.token';
import { notificationRetryDelay } from './retry-delay';

/** Registered with Bull's queue settings and the in-process queue alike. */
export function notificationBackoffStrategies(config: AppConfig): Record<string, BackoffStrategy> {
  return {
    [BackoffStrategyName.NotificationRetry]: (attemptsMade) =>
      notificationRetryDelay(attemptsMade, config.notificationRetryBaseMs),
  };
}

/** Consumes deliveries once the app is up; an API-only process (no job concurrency) does not. */
@Injectable()
class NotificationBullWorker implements OnApplicationBootstrap {
  constructor(
    @Inject(getQueueToken(QueueName.Notifications)) private readonly queue: Queue,
    private readonly handler: DeliveryJobHandler,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.jobConcurrency > 0) {
      processBullJobs(this.queue, this.handler, this.config.notificationConcurrency);
    }
  }
}

export function notificationQueueProviders(useBull: boolean): Provider[] {
  if (useBull) {
    return [
      NotificationBullWorker,
      {
        provide: NOTIFICATION_QUEUE,
        useFactory: (queue: Queue) => new BullJobQueue(queue),
        inject: [getQueueToken(QueueName.Notifications)],
      },
    ];
  }
  return [
    {
      provide: NOTIFICATION_QUEUE,
      // The handler is looked up per job: it enqueues too (a disabled channel's notice),
      // so injecting it here would be a cycle.
      useFactory: (moduleRef: ModuleRef, config: AppConfig) => {
        const handler: JobHandler = {
          handle: (name, data) => moduleRef.get(DeliveryJobHandler).handle(name, data),
        };
        return new InProcessJobQueue(
          handler,
          config.notificationConcurrency,
          notificationBackoffStrategies(config),
        );
      },
      inject: [ModuleRef, AppConfig],
    },
  ];
}
