import type { Logger } from '@nestjs/common';
import { currentLogFields, type LogFields } from '../logging/log-context';
import type { QueuedJob } from './job-queue';
import type { JobName } from './queue.constants';

/** The job as it is queued: with the correlation id of the request queuing it, if any. */
export function traced<N extends JobName>(job: QueuedJob<N>): QueuedJob<N> {
  const { correlationId } = currentLogFields();
  if (!correlationId || job.data.correlationId) return job;
  return { ...job, data: { ...job.data, correlationId } };
}

/**
 * What every line a job logs carries, and nothing of the code that ran it (inLogScope): its id,
 * its request's correlation id, its bot and order.
 */
export function jobLogFields(id: string | number, data: unknown): LogFields {
  const fields = (data ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof fields[key] === 'string' ? fields[key] : undefined);
  return {
    jobId: String(id),
    correlationId: text('correlationId'),
    botId: text('botId'),
    orderId: text('orderId'),
  };
}

/** Runs a job's handler; its start and end at debug (a tick per bot and candle would drown the rest). */
export async function loggedRun<T>(
  logger: Logger,
  id: string | number,
  work: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  logger.debug(`job ${id} started`);
  const result = await work();
  const outcome = typeof result === 'string' ? `: ${result}` : '';
  logger.debug(`job ${id} done in ${Math.round(performance.now() - started)} ms${outcome}`);
  return result;
}
