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
  queue.on('error', (error) => logger.error(`queue error: ${error.message}`));
}
