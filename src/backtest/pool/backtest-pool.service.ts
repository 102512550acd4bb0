import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Piscina } from 'piscina';
import { RetryLaterError } from '../../kernel/errors/retry-later.error';
import { AppConfig } from '../../config/app-config';
import { RISK_RULES_SOURCE, type RiskRulesSource } from '../../risk/risk-rules-source';
import { STRATEGY_SOURCES } from '../../strategies/strategies.constants';
import type { StrategySources } from '../../strategies/strategy-sources';
import {
  type BacktestOutcome,
  type BacktestTask,
  type BacktestThreadData,
  ownBuffer,
} from './backtest-task';
import type { PoolOutcome, PoolTask } from './pool-task';
import type { OptimizationOutcome, OptimizationTask } from '../search/search-task';
import { backtestWorkerEntry } from './worker-entry';
import type { ChunkTask } from '../search/search-task';

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
/** Runs the tasks of one optimization request on the pool, in its place. */
export type RunOptimizationTask = (task: OptimizationTask) => Promise<OptimizationOutcome>;

/**
 * One request's place in the pool (and in its user's share), taken before its body is read.
 * It is given back once the request has left (its response sent, or its client gone) and no
 * work of it runs any more; `signal` says the request has left.
 */
export class BacktestPlace {
  private readonly left = new AbortController();
  private working = false;
  private freed = false;

  constructor(
    private readonly runTask: RunTask,
    private readonly free: () => void,
    private readonly runOptimizationTask: RunOptimizationTask,
  ) {}

  get signal(): AbortSignal {
    return this.left.signal;
  }

  /** Runs the request's `work` in this place, unless the request has already left. */
  async run<T>(
    work: (run: RunTask, runOptimization: RunOptimizationTask) => Promise<T>,
  ): Promise<T> {
    this.left.signal.throwIfAborted();
    this.working = true;
    try {
      return await work(this.runTask, this.runOptimizationTask);
    } finally {
      this.working = false;
      this.freeOnce();
    }
  }

  /** The request has left: the place is free as soon as its work ends. */
  leave(): void {
    this.left.abort(new Error('the backtest request ended'));
    if (!this.working) this.freeOnce();
  }

  private freeOnce(): void {
    if (this.freed || !this.left.signal.aborted) return;
    this.freed = true;
    this.free();
  }
}

/**
 * The worker threads backtests run on, so a million candles never hold up the API's event
 * loop (health checks, ticks, other requests). Places are counted per request, not per
 * task: a ranged backtest keeps its place while the API fetches its candles, which bounds
 * the fetched candles held in memory too.
 */
@Injectable()
export class BacktestPool implements OnModuleDestroy {
  private readonly pool: Piscina<PoolTask, PoolOutcome>;
  private readonly places: number;
  private readonly perUser: number;
  private admitted = 0;
  private readonly admittedOf = new Map<string, number>();
  /** A running mean of how long a request keeps its place: the Retry-After estimate. */
  private typicalMs = FIRST_RETRY_AFTER_MS;

  constructor(
    config: AppConfig,
    @Inject(STRATEGY_SOURCES) strategySources: StrategySources,
    @Inject(RISK_RULES_SOURCE) riskRulesSource: RiskRulesSource,
  ) {
    this.places = config.backtestConcurrency + config.backtestQueue;
    this.perUser = config.backtestsPerUser;
    this.pool = new Piscina({
      ...backtestWorkerEntry(),
      workerData: { strategySources, riskRulesSource } satisfies BacktestThreadData,
      minThreads: 0,
      maxThreads: config.backtestConcurrency,
      idleTimeout: IDLE_THREAD_MS,
      resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB },
      niceIncrement: THREAD_NICENESS,
    });
  }

  /**
   * A place for one request of `userId`, or 429 with Retry-After when every place
   * (BACKTEST_CONCURRENCY running, BACKTEST_QUEUE waiting) or the user's BACKTESTS_PER_USER
   * are taken: the service is up and the caller is to come back later, not a failure of the
   * server (5xx) that monitors count. Taken before the body is read, so no refused request
   * makes the server hold its (up to 128 MB) body.
   */
  reserve(userId: string): BacktestPlace {
    const seconds = Math.max(1, Math.ceil(this.typicalMs / 1000));
    if (this.admitted >= this.places) {
      throw new RetryLaterError(
        `every backtest place is taken (${this.places}); retry in ${seconds} s`,
        seconds,
      );
    }
    const ofUser = this.admittedOf.get(userId) ?? 0;
    if (ofUser >= this.perUser) {
      throw new RetryLaterError(
        `you have ${ofUser} backtests running or waiting, the most one user may; retry in ${seconds} s`,
        seconds,
      );
    }
    this.admitted++;
    this.admittedOf.set(userId, ofUser + 1);
    const started = performance.now();
    return new BacktestPlace(
      (task) => this.run(task) as Promise<BacktestOutcome>,
      () => {
        this.admitted--;
        const left = this.admittedOf.get(userId)! - 1;
        if (left > 0) this.admittedOf.set(userId, left);
        else this.admittedOf.delete(userId);
        this.typicalMs = 0.8 * this.typicalMs + 0.2 * (performance.now() - started);
      },
      (task) => this.run(task) as Promise<OptimizationOutcome>,
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy();
  }

  /**
   * Runs a chunk of an optimization's points on a thread. No place is taken: the chunks'
   * queue runs at most BACKTEST_CONCURRENCY of them at once in a process, and its input's
   * bytes are shared with the thread (a SharedArrayBuffer), not copied.
   */
  runChunk(task: ChunkTask): Promise<OptimizationOutcome> {
    return this.pool.run(task) as Promise<OptimizationOutcome>;
  }

  /** The task's bytes move to the thread: the API keeps no copy of a large body. */
  private run(task: PoolTask): Promise<PoolOutcome> {
    if (task.kind === 'body' || task.kind === 'optimization') {
      const body = ownBuffer(task.body);
      return this.pool.run({ ...task, body }, { transferList: [body.buffer] });
    }
    if (task.kind === 'fetched' || task.kind === 'optimization-fetched') {
      const candles = ownBuffer(task.candles);
      return this.pool.run({ ...task, candles }, { transferList: [candles.buffer] });
    }
    return this.pool.run(task);
  }
}
