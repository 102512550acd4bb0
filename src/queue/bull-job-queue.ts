import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { inLogScope } from '../logging/log-context';
import {
  type JobHandler,
  JobQueueDriver,
  type QueueCounts,
  type QueuedJob,
  UnrecoverableJobError,
} from './job-queue';
import { jobLogFields, loggedRun, traced } from './job-tracing';
import { JOB_OPTIONS, type JobName } from './queue.constants';

/** Bull on Redis: shared by every API and worker process, ids de-duplicated by Redis. */
export class BullJobQueue extends JobQueueDriver implements OnApplicationShutdown {
  readonly backend = 'bull';
  private readonly logger = new Logger('BullJobs');

  /** The queue itself is public for Bull Board. */
  constructor(readonly queue: Queue) {
    super();
  }

  async add(jobs: QueuedJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue.addBulk(
      jobs.map(traced).map((job) => ({
        name: job.name,
        data: job.data,
        opts: { ...JOB_OPTIONS[job.name], jobId: job.id },
      })),
    );
  }

  /** Makes this process one of the queue's workers: every job name goes to the handler. */
  process(handler: JobHandler, concurrency: number): void {
    void this.queue.process('*', concurrency, (job: Job) =>
      inLogScope(jobLogFields(job.id, job.data), async () => {
        try {
          return await loggedRun(this.logger, job.id, () =>
            handler.handle(job.name as JobName, job.data),
          );
        } catch (error) {
          // Bull 4 has no "unrecoverable" flag: discarding stops the remaining attempts.
          if (error instanceof UnrecoverableJobError) await job.discard();
          throw error;
        }
      }),
    );
    this.queue.on('failed', (job, error) =>
      inLogScope(jobLogFields(job.id, job.data), () =>
        this.logger.warn(`job ${job.id} failed: ${error.message}`),
      ),
    );
    reportQueueErrors(this.queue, this.logger);
  }

  async removeBotJobs(botId: string): Promise<void> {
    const jobs = await this.queue.getJobs(['waiting', 'delayed', 'paused']);
    await Promise.all(
      jobs
        .filter((job) => job && (job.data as { botId?: string }).botId === botId)
        .map((job) => job.remove().catch(() => undefined)),
    );
  }

  async counts(): Promise<QueueCounts> {
    const { waiting, active, delayed, failed } = await this.queue.getJobCounts();
    return { waiting, active, delayed, failed };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}

const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
]);

/**
 * Every other error as it comes; Redis being unreachable once per outage, not on each of
 * ioredis's reconnect attempts (one every few hundred ms), and a line when it is back.
 */
export function reportQueueErrors(queue: Queue, logger: Logger): void {
  let unreachable = false;
  queue.on('error', (error: NodeJS.ErrnoException) => {
    if (!CONNECTION_ERRORS.has(error.code ?? '')) {
      logger.error(`queue error: ${error.message}`);
    } else if (!unreachable) {
      unreachable = true;
      logger.error(`queue error: Redis unreachable (${error.message}); retrying quietly`);
    }
  });
  queue.client.on('ready', () => {
    if (!unreachable) return;
    unreachable = false;
    logger.log('queue: Redis reachable again');
  });
}
