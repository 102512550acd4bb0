import { Logger } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { inLogScope } from '../logging/log-context';
import { type JobHandler, UnrecoverableJobError } from './job-queue';
import { jobLogFields, loggedRun } from './job-tracing';
import type { JobName } from './queue.constants';

/**
 * Makes this process a Bull worker for the queue: every job goes to the same handler the
 * in-process queue calls. Registered by hand (not @Process) so concurrency comes from
 * the validated config, and an API-only process can register none.
 */
export function processBullJobs(queue: Queue, handler: JobHandler, concurrency: number): void {
  const logger = new Logger('BullJobs');
  void queue.process('*', concurrency, (job: Job) =>
    inLogScope(jobLogFields(job.id, job.data), async () => {
      try {
        return await loggedRun(logger, job.id, () => handler.handle(job.name as JobName, job.data));
      } catch (error) {
        // Bull 4 has no "unrecoverable" flag: discarding stops the remaining attempts.
        if (error instanceof UnrecoverableJobError) await job.discard();
        throw error;
      }
    }),
  );
  queue.on('failed', (job, error) =>
    inLogScope(jobLogFields(job.id, job.data), () =>
      logger.warn(`job ${job.id} failed: ${error.message}`),
    ),
  );
  reportQueueErrors(queue, logger);
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
