import type { JobData, JobName } from './queue.constants';

export interface QueuedJob<N extends JobName = JobName> {
  name: N;
  data: JobData[N];
  /** Deterministic id: a job already known under it is not added again. */
  id: string;
}

/** A job that can never succeed: the handler throws this to discard it without retries. */
export class UnrecoverableJobError extends Error {
  override name = 'UnrecoverableJobError';
}

/** What runs a job: the same code whether Bull or the in-process queue calls it. */
export interface JobHandler {
  handle<N extends JobName>(name: N, data: JobData[N]): Promise<unknown>;
}

/** Jobs by state, as Bull counts them (failed: kept failures, a week under Bull, an hour here). */
export interface QueueCounts {
  waiting: number;
  active: number;
  /** Waiting for a retry's backoff (or, under Bull, a delay). */
  delayed: number;
  failed: number;
}

/** Bull's custom backoff signature: the delay before the next attempt, in ms. */
export type BackoffStrategy = (attemptsMade: number, error: Error) => number;

/** Where jobs go, as the code that enqueues sees it. */
export abstract class JobQueue {
  abstract add(jobs: QueuedJob[]): Promise<void>;
  /** Drops a bot's jobs that have not started yet. */
  abstract removeBotJobs(botId: string): Promise<void>;
  /** For the metrics and the admins' queue view. */
  abstract counts(): Promise<QueueCounts>;

  /** Jobs waiting or running, for health and benchmarks. */
  async pendingCount(): Promise<number> {
    const { waiting, active, delayed } = await this.counts();
    return waiting + active + delayed;
  }
}

export type QueueBackend = 'bull' | 'in-process';

/**
 * A queue backend (createJobQueue picks one): it also runs the jobs, once a handler is
 * given. Until then they wait, so that the handler may enqueue into its own queue.
 */
export abstract class JobQueueDriver extends JobQueue {
  abstract readonly backend: QueueBackend;
  abstract process(handler: JobHandler, concurrency: number): void;
}
