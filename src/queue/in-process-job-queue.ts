import { AsyncResource } from 'node:async_hooks';
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { inLogScope } from '../logging/log-context';
import {
  type BackoffStrategy,
  type JobHandler,
  JobQueueDriver,
  type QueueCounts,
  type QueuedJob,
  UnrecoverableJobError,
} from './job-queue';
import { jobLogFields, loggedRun, traced } from './job-tracing';
import { JOB_OPTIONS } from './queue.constants';

interface Entry {
  job: QueuedJob;
  attempt: number;
  finishedAt?: number;
  failed?: boolean;
}

const DEDUPE_WINDOW_MS = 3600_000;

/**
 * The embedded default (no Redis): Bull's semantics that the engine relies on, in memory —
 * deterministic job ids, bounded concurrency, retries with exponential backoff or a named
 * custom strategy (as Bull's `settings.backoffStrategies`).
 * Jobs do not survive a restart; ticks are re-derived from the clock and intents from
 * the database, so nothing is lost that matters.
 */
export class InProcessJobQueue extends JobQueueDriver implements OnApplicationShutdown {
  readonly backend = 'in-process';
  private readonly logger = new Logger(InProcessJobQueue.name);
  private readonly entries = new Map<string, Entry>();
  private readonly waiting: Entry[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private handler?: JobHandler;
  /** None until a handler is given. */
  private concurrency = 0;
  private running = 0;
  /** Entries remembered (for their id) that failed for good. */
  private failed = 0;
  private closed = false;
  private idleWaiters: (() => void)[] = [];
  /**
   * Where jobs run: the context the queue was made in, not that of whoever queued or
   * finished the job before, as under Bull. A request's async context (its logger, its log
   * fields) would otherwise follow every job drained from it.
   */
  private readonly detached = new AsyncResource('tradebot.in-process-job');

  constructor(private readonly backoffStrategies: Record<string, BackoffStrategy> = {}) {
    super();
  }

  async add(jobs: QueuedJob[]): Promise<void> {
    this.forgetOld();
    for (const job of jobs.map(traced)) {
      if (this.closed || this.entries.has(job.id)) continue;
      const entry: Entry = { job, attempt: 0 };
      this.entries.set(job.id, entry);
      this.waiting.push(entry);
    }
    this.drain();
  }

  process(handler: JobHandler, concurrency: number): void {
    this.handler = handler;
    this.concurrency = concurrency;
    this.drain();
  }

  async removeBotJobs(botId: string): Promise<void> {
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      if ((this.waiting[i].job.data as { botId?: string }).botId === botId) {
        this.waiting.splice(i, 1);
      }
    }
  }

  async counts(): Promise<QueueCounts> {
    return {
      waiting: this.waiting.length,
      active: this.running,
      delayed: this.timers.size,
      failed: this.failed,
    };
  }

  /** Resolves once nothing waits or runs (tests and graceful shutdown). */
  whenIdle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0 && this.timers.size === 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    this.waiting.length = 0;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.whenIdle();
  }

  private drain(): void {
    const handler = this.handler;
    while (handler && !this.closed && this.running < this.concurrency && this.waiting.length > 0) {
      const entry = this.waiting.shift()!;
      this.running++;
      const { id, data } = entry.job;
      const run = () => inLogScope(jobLogFields(id, data), () => this.run(entry, handler));
      void this.detached.runInAsyncScope(run).finally(() => {
        this.running--;
        this.drain();
        this.notifyIfIdle();
      });
    }
  }

  private async run(entry: Entry, handler: JobHandler): Promise<void> {
    entry.attempt++;
    try {
      await loggedRun(this.logger, entry.job.id, () =>
        handler.handle(entry.job.name, entry.job.data),
      );
      entry.finishedAt = Date.now();
    } catch (error) {
      const options = JOB_OPTIONS[entry.job.name];
      const attempts = options.attempts ?? 1;
      if (error instanceof UnrecoverableJobError || entry.attempt >= attempts || this.closed) {
        entry.finishedAt = Date.now();
        entry.failed = true;
        this.failed++;
        this.logger.error(`job ${entry.job.id} failed: ${(error as Error).message}`);
        return;
      }
      const backoff = options.backoff as { type?: string; delay?: number } | undefined;
      const strategy = backoff?.type ? this.backoffStrategies[backoff.type] : undefined;
      const delay = strategy
        ? strategy(entry.attempt, error as Error)
        : (backoff?.delay ?? 1000) * 2 ** (entry.attempt - 1);
      this.logger.warn(
        `job ${entry.job.id} failed: ${(error as Error).message}; retry in ${delay} ms`,
      );
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.waiting.push(entry);
        this.drain();
      }, delay);
      this.timers.add(timer);
    }
  }

  private notifyIfIdle(): void {
    if (this.running === 0 && this.waiting.length === 0 && this.timers.size === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private forgetOld(): void {
    const cutoff = Date.now() - DEDUPE_WINDOW_MS;
    for (const [id, entry] of this.entries) {
      if (entry.finishedAt === undefined || entry.finishedAt >= cutoff) continue;
      this.entries.delete(id);
      if (entry.failed) this.failed--;
    }
  }
}
