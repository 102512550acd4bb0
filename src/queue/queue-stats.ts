import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { AppMetrics } from '../metrics/app-metrics';
import { NOTIFICATION_QUEUE } from '../notifications/notification-queue.token';
import { JobQueue, type QueueCounts } from './job-queue';
import { QueueName } from './queue.constants';

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

export interface NamedQueueCounts extends QueueCounts {
  queue: QueueName;
}

/**
 * The engine's and the notifications' queues, counted by state: for the admins' queue view
 * (GET /api/admin/queues) and the `tradebot_queue_jobs` gauge, the same numbers for both.
 * Under Bull they are the shared queue's, whichever process asks; in-process, this one's.
 */
@Injectable()
export class QueueStats implements OnModuleInit {
  readonly backend: 'bull' | 'in-process';

  constructor(
    private readonly jobs: JobQueue,
    @Inject(NOTIFICATION_QUEUE) private readonly notifications: JobQueue,
    private readonly metrics: AppMetrics,
    config: AppConfig,
  ) {
    this.backend = config.redisUrl ? 'bull' : 'in-process';
  }

  onModuleInit(): void {
    this.metrics.sampledGauge(
      'queue_jobs',
      'Jobs in each queue, by state',
      ['queue', 'state'],
      async () =>
        (await this.counts()).flatMap((counts) =>
          STATES.map((state) => ({ labels: { queue: counts.queue, state }, value: counts[state] })),
        ),
    );
  }

  async counts(): Promise<NamedQueueCounts[]> {
    const [jobs, notifications] = await Promise.all([
      this.jobs.counts(),
      this.notifications.counts(),
    ]);
    return [
      { queue: QueueName.BotJobs, ...jobs },
      { queue: QueueName.Notifications, ...notifications },
    ];
  }
}
