import type { OnApplicationBootstrap, Provider, Type } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import type { JobHandler, JobQueueDriver } from './job-queue';
import type { QueueName } from './queue.constants';
import { jobQueueToken } from './queue.module';

/** Starts running a queue's jobs once the whole app is up (not while modules still load). */
class JobWorker implements OnApplicationBootstrap {
  constructor(
    private readonly queue: JobQueueDriver,
    private readonly handler: JobHandler,
    private readonly concurrency: number,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // JOB_CONCURRENCY=0 leaves Bull's jobs to the worker processes; the in-process queue
    // has no other process to run its jobs.
    if (this.queue.backend === 'bull' && this.config.jobConcurrency <= 0) return;
    this.queue.process(this.handler, Math.max(1, this.concurrency));
  }
}

export interface JobWorkerOptions {
  queue: QueueName;
  /** A provider of the feature's module; it may enqueue into the same queue. */
  handler: Type<JobHandler>;
  /** Jobs of this queue that one process runs at once. */
  concurrency: (config: AppConfig) => number;
}

/** Makes this process run a queue's jobs with the feature's handler. */
export function jobWorker(options: JobWorkerOptions): Provider {
  return {
    provide: `JobWorker:${options.queue}`,
    inject: [jobQueueToken(options.queue), options.handler, AppConfig],
    useFactory: (queue: JobQueueDriver, handler: JobHandler, config: AppConfig) =>
      new JobWorker(queue, handler, options.concurrency(config), config),
  };
}
