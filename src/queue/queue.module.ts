import { type DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import type { BackoffStrategy } from './job-queue';
import { createJobQueue } from './job-queue.factory';
import type { QueueName } from './queue.constants';

/** The injection token of a queue's driver. */
export function jobQueueToken(name: QueueName): string {
  return `JobQueue:${name}`;
}

export interface JobQueueOptions {
  name: QueueName;
  /** Custom backoff strategies by name (Bull's `settings.backoffStrategies`). */
  backoffStrategies?: (config: AppConfig) => Record<string, BackoffStrategy>;
}

/**
 * One queue, provided under jobQueueToken(name) by its driver. A feature imports it once
 * and runs its jobs with jobWorker(); modules that read the queue import that feature.
 */
@Module({})
export class QueueModule {
  static forFeature(options: JobQueueOptions): DynamicModule {
    const token = jobQueueToken(options.name);
    return {
      module: QueueModule,
      providers: [
        {
          provide: token,
          inject: [AppConfig],
          useFactory: (config: AppConfig) =>
            createJobQueue(options.name, config, options.backoffStrategies?.(config)),
        },
      ],
      exports: [token],
    };
  }
}
