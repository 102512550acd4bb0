import Bull, { type Queue, type QueueOptions } from 'bull';
import type { AppConfig } from '../config/app-config';
import { BullJobQueue } from './bull-job-queue';
import { InProcessJobQueue } from './in-process-job-queue';
import type { BackoffStrategy, JobQueueDriver } from './job-queue';
import type { QueueName } from './queue.constants';

export type OpenBullQueue = (name: QueueName, options: QueueOptions) => Queue;

const openBullQueue: OpenBullQueue = (name, options) => new Bull(name, options);

/**
 * The one place that names the queue drivers: Bull on Redis with REDIS_URL (its keys under
 * QUEUE_PREFIX), this process's memory without. Every queue of the app is made here.
 */
export function createJobQueue(
  name: QueueName,
  config: Pick<AppConfig, 'redisUrl' | 'queuePrefix'>,
  backoffStrategies: Record<string, BackoffStrategy> = {},
  open: OpenBullQueue = openBullQueue,
): JobQueueDriver {
  if (!config.redisUrl) return new InProcessJobQueue(backoffStrategies);
  return new BullJobQueue(
    open(name, {
      redis: config.redisUrl,
      prefix: config.queuePrefix,
      settings: { backoffStrategies },
    }),
  );
}
