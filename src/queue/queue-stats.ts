import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { AppMetrics } from '../metrics/app-metrics';
import type { JobQueueDriver, QueueBackend, QueueCounts } from './job-queue';
import { QueueName } from './queue.constants';
import { jobQueueToken } from './queue.module';

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
  readonly backend: QueueBackend;

  constructor(
    @Inject(jobQueueToken(QueueName.BotJobs)) private readonly jobs: JobQueueDriver,
    @Inject(jobQueueToken(QueueName.Notifications)) private readonly notifications: JobQueueDriver,
    private readonly metrics: AppMetrics,
  ) {
    this.backend = jobs.backend;
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
