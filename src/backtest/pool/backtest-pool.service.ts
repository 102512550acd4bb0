import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Piscina } from 'piscina';
import { RetryLaterError } from '../../common/errors/retry-later.error';
import { AppConfig } from '../../config/app-config';
import { type BacktestOutcome, type BacktestTask, ownBuffer } from './backtest-task';
import { backtestWorkerEntry } from './worker-entry';

/** An idle thread outlives its task this long, so a series of backtests reuses it. */
const IDLE_THREAD_MS = 30_000;
/**
 * A thread's heap (4 GB by default here), so one backtest cannot take the process's
 * memory: a thread that grows past it ends alone (ERR_WORKER_OUT_OF_MEMORY, a 500 for that
 * request). The body limit keeps parsing well within it: a million candles with 11
 * decimals on every price (a 120 MB body) ran within 768 MB.
 */
const THREAD_HEAP_MB = 1024;
/**
 * Backtest threads run at a lower CPU priority (Linux nice +10, by @napi-rs/nice, which
 * piscina loads if it can), so on a busy machine the event loop, the ticks and PostgreSQL
 * come first; a backtest only takes what they leave.
 */
const THREAD_NICENESS = 10;
/** Retry-After before any backtest has finished to learn from. */
const FIRST_RETRY_AFTER_MS = 5000;

/** Runs the tasks of one backtest request on the pool, in the place it was admitted to. */
export type RunTask = (task: BacktestTask) => Promise<BacktestOutcome>;

/**
 * The worker threads backtests run on, so a million candles never hold up the API's event
 * loop (health checks, ticks, other requests). Places are counted per request, not per
 * task: a ranged backtest keeps its place while the API fetches its candles, which bounds
 * the fetched candles held in memory too.
 */
@Injectable()
export class BacktestPool implements OnModuleDestroy {
  private readonly pool: Piscina<BacktestTask, BacktestOutcome>;
  private readonly places: number;
  private admitted = 0;
  /** A running mean of how long a request keeps its place: the Retry-After estimate. */
  private typicalMs = FIRST_RETRY_AFTER_MS;

  constructor(config: AppConfig) {
    this.places = config.backtestConcurrency + config.backtestQueue;
    this.pool = new Piscina({
      ...backtestWorkerEntry(),
      minThreads: 0,
      maxThreads: config.backtestConcurrency,
      idleTimeout: IDLE_THREAD_MS,
      resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB },
      niceIncrement: THREAD_NICENESS,
    });
  }

  /**
   * Runs `work` in a place of its own, or answers 429 with Retry-After when every place
   * (BACKTEST_CONCURRENCY running, BACKTEST_QUEUE waiting) is taken: the service is up and
   * the caller is to come back later, not a failure of the server (5xx) that monitors count.
   */
  async admit<T>(work: (run: RunTask) => Promise<T>): Promise<T> {
    if (this.admitted >= this.places) {
      const seconds = Math.max(1, Math.ceil(this.typicalMs / 1000));
      throw new RetryLaterError(
        `every backtest place is taken (${this.places}); retry in ${seconds} s`,
        seconds,
      );
    }
    this.admitted++;
    const started = performance.now();
    try {
      const result = await work((task) => this.run(task));
      this.typicalMs = 0.8 * this.typicalMs + 0.2 * (performance.now() - started);
      return result;
    } finally {
      this.admitted--;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy();
  }

  /** The task's bytes move to the thread: the API keeps no copy of a large body. */
  private run(task: BacktestTask): Promise<BacktestOutcome> {
    const sent: BacktestTask =
      task.kind === 'body'
        ? { ...task, body: ownBuffer(task.body) }
        : { ...task, candles: ownBuffer(task.candles) };
    const bytes = sent.kind === 'body' ? sent.body : sent.candles;
    return this.pool.run(sent, { transferList: [bytes.buffer as ArrayBuffer] });
  }
}
