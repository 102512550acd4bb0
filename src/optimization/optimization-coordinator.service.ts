import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { OptimizationStatus } from '../database/entities/optimization-run.entity';
import {
  OptimizationRunRepository,
  type PointRow,
} from '../database/repositories/optimization-run.repository';
import type { JobQueue } from '../queue/job-queue';
import { JobName, jobId, type OptimizationChunkJobData, QueueName } from '../queue/queue.constants';
import { jobQueueToken } from '../queue/queue.module';
import { rankPoints, TOP_POINTS } from '../backtest/search/objective';
import type { FoldPlan, OptimizationPlan } from '../backtest/search/optimization-plan';
import type { FoldWindow, Sampler, SearchParams } from '../backtest/search/optimization.types';
import { GridSampler } from '../backtest/search/samplers/grid-sampler';
import { RandomSampler } from '../backtest/search/samplers/random-sampler';
import { TpeSampler } from '../backtest/search/samplers/tpe-sampler';
import { stitchEquity, walkForwardEfficiency } from '../backtest/search/walk-forward';
import { ChunkStoredSignal } from './chunk-stored-signal';
import type { EquityPoint } from '../backtest/backtest-report';

/** The coordinator says it is alive this often; STALE_AFTER_MS without it, the run failed. */
export const HEARTBEAT_MS = 2000;
export const STALE_AFTER_MS = 15_000;
/** What a run whose coordinator went away ends with. */
export const STOPPED_REASON = 'the server stopped while it ran';
/**
 * How often the coordinator counts a batch's stored points when no chunk stored in this
 * process wakes it first (chunks run by other processes, in a scale-out).
 */
const POLL_MS = 200;
/** TPE asks this many, then learns from their scores: fixed, so a seed gives the same run anywhere. */
const TPE_BATCH = 8;
/**
 * Candles one chunk runs (points × window): about a tenth of a second of backtests, so a
 * cancel stops the work within a second and chunks spread over every thread and worker.
 */
const CHUNK_CANDLES = 400_000;
/** A batch is cut into at least this many chunks (when it has the points). */
const MIN_CHUNKS = 8;
/**
 * Candles a chunk runs at least: below this, a second thread's start and each chunk's own
 * queries cost more than the work they would spread, so a small batch runs as one chunk.
 */
const MIN_CHUNK_CANDLES = 50_000;

class RunStopped extends Error {}

/**
 * Drives a run from the process that accepted it: asks the sampler for points, queues them
 * in chunks (any process's backtest threads run them), waits for their stored scores, and
 * for walk-forward searches each fold's train window, then scores its best on the test
 * window. Writes the ranked results once done; a cancel or sweep stops it at the next poll.
 */
@Injectable()
export class OptimizationCoordinator implements OnModuleDestroy {
  private readonly logger = new Logger(OptimizationCoordinator.name);
  private readonly driving = new Map<string, Promise<void>>();
  private closing = false;

  constructor(
    private readonly runs: OptimizationRunRepository,
    @Inject(jobQueueToken(QueueName.Optimizations)) private readonly queue: JobQueue,
    private readonly stored: ChunkStoredSignal,
  ) {}

  start(runId: string, plan: OptimizationPlan): void {
    const driven = this.drive(runId, plan)
      .catch(async (error: unknown) => {
        if (error instanceof RunStopped) return;
        this.logger.error(`optimization ${runId} failed: ${(error as Error).message}`);
        await this.runs.end(runId, OptimizationStatus.Failed, (error as Error).message);
      })
      .catch((error: unknown) => this.logger.error(`optimization ${runId}: ${String(error)}`))
      .finally(() => this.driving.delete(runId));
    this.driving.set(runId, driven);
  }

  /** A graceful stop ends this process's runs now rather than at the next sweep. */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    const ids = [...this.driving.keys()];
    await Promise.all(
      ids.map((id) => this.runs.end(id, OptimizationStatus.Failed, STOPPED_REASON)),
    );
    await Promise.allSettled([...this.driving.values()]);
  }

  private async drive(runId: string, plan: OptimizationPlan): Promise<void> {
    if (!(await this.runs.start(runId))) return;
    const run = new RunDriver(runId, plan, this.runs, this.queue, this.stored, () => this.closing);
    const { walkForward } = plan;
    if (!walkForward) {
      const points = await run.search('search', { from: 0, to: plan.candles });
      const ranked = rankPoints(points);
      await this.runs.finish(runId, {
        best: bestOf(ranked),
        results: ranked.slice(0, TOP_POINTS).map(view),
        folds: null,
        walkForward: null,
      });
      return;
    }
    const folds: FoldView[] = [];
    const curves: EquityPoint[][] = [];
    let last: PointRow[] = [];
    for (const fold of walkForward.folds) {
      last = rankPoints(await run.search(`train:${fold.index}`, fold.train));
      const best = bestOf(last);
      if (!best) {
        await run.skipTest();
        folds.push({ ...foldView(fold, null, null), reason: unscoredReason(last) });
        continue;
      }
      const test = await run.test(fold, best.params);
      if (test.equity) curves.push(test.equity);
      folds.push(foldView(fold, best, test));
    }
    const scores = folds.map((fold) => ({
      inScore: fold.best?.inScore ?? null,
      outScore: fold.best?.outScore ?? null,
    }));
    await this.runs.finish(runId, {
      best: bestOf(last),
      results: last.slice(0, TOP_POINTS).map(view),
      folds,
      walkForward: {
        mode: walkForward.mode,
        efficiency: walkForwardEfficiency(scores),
        equity: stitchEquity(curves, plan.initialBalanceQuote),
      },
    });
  }
}

/** One run's work: its searches and test points, each a stage of stored points. */
class RunDriver {
  private lastBeat = 0;
  private total: number;

  constructor(
    private readonly runId: string,
    private readonly plan: OptimizationPlan,
    private readonly runs: OptimizationRunRepository,
    private readonly queue: JobQueue,
    private readonly stored: ChunkStoredSignal,
    private readonly closing: () => boolean,
  ) {
    const folds = plan.walkForward?.folds.length;
    this.total = folds === undefined ? plan.points : folds * (plan.points + 1);
  }

  /** Every point of one search on `window`, in the order asked. */
  async search(stage: string, window: FoldWindow): Promise<PointRow[]> {
    const sampler = this.sampler();
    const batch = this.plan.method === 'tpe' ? TPE_BATCH : this.plan.points;
    const points: PointRow[] = [];
    while (points.length < this.plan.points) {
      const asked = sampler.ask(Math.min(batch, this.plan.points - points.length));
      if (asked.length === 0) break;
      const scored = await this.evaluate(stage, window, points.length, asked);
      sampler.tell(
        scored.map((point) => ({ params: point.params as SearchParams, score: point.score })),
      );
      points.push(...scored);
    }
    return points;
  }

  /** The fold's best on its test window, with the equity curve. */
  async test(fold: FoldPlan, params: Record<string, unknown>): Promise<PointRow> {
    const [point] = await this.evaluate(
      `test:${fold.index}`,
      fold.test,
      0,
      [params as SearchParams],
      true,
    );
    return point;
  }

  /** A fold with no best has no test point: the progress counts one point less. */
  async skipTest(): Promise<void> {
    this.total--;
    this.lastBeat = Date.now();
    if (!(await this.runs.beat(this.runId, this.total))) throw new RunStopped();
  }

  private sampler(): Sampler {
    const { method, space, seed } = this.plan;
    if (method === 'grid') return new GridSampler(space);
    if (method === 'random') return new RandomSampler(space, seed!);
    return new TpeSampler(space, seed!);
  }

  private async evaluate(
    stage: string,
    window: FoldWindow,
    firstSeq: number,
    points: SearchParams[],
    withEquity = false,
  ): Promise<PointRow[]> {
    const size = chunkSize(points.length, window.to - window.from);
    const jobs = [];
    for (let start = 0; start < points.length; start += size) {
      const data: OptimizationChunkJobData = {
        runId: this.runId,
        stage,
        firstSeq: firstSeq + start,
        window: { from: window.from, to: window.to },
        points: points.slice(start, start + size),
        objective: this.plan.objective,
        ...(withEquity ? { withEquity: true as const } : {}),
      };
      jobs.push({ name: JobName.OptimizationChunk, data, id: jobId.optimizationChunk(data) });
    }
    await this.queue.add(jobs);
    const end = firstSeq + points.length;
    for (;;) {
      // Read before counting: a chunk stored meanwhile wakes the wait below at once.
      const seen = this.stored.count;
      if ((await this.runs.countPoints(this.runId, stage, firstSeq, end)) >= points.length) break;
      await this.beat();
      await this.stored.after(seen, POLL_MS);
    }
    return this.runs.points(this.runId, stage, firstSeq, end);
  }

  /** Says the run is alive; stops it once it is not running any more (cancel, sweep, shutdown). */
  private async beat(): Promise<void> {
    if (this.closing()) throw new RunStopped();
    if (Date.now() - this.lastBeat < HEARTBEAT_MS) return;
    this.lastBeat = Date.now();
    if (!(await this.runs.beat(this.runId, this.total))) throw new RunStopped();
  }
}

/**
 * Points per chunk: at most CHUNK_CANDLES of work; at least MIN_CHUNKS chunks a batch,
 * unless that would make chunks of less than MIN_CHUNK_CANDLES.
 */
export function chunkSize(points: number, candles: number): number {
  const window = Math.max(1, candles);
  const byWork = Math.floor(CHUNK_CANDLES / window);
  const bySpread = Math.max(Math.ceil(points / MIN_CHUNKS), Math.ceil(MIN_CHUNK_CANDLES / window));
  return Math.max(1, Math.min(points, byWork, bySpread));
}

/** Types, not interfaces: stored as jsonb, where a Record is expected. */
type PointView = {
  params: Record<string, unknown>;
  metrics: Record<string, unknown> | null;
  score: number | null;
  rejected?: string;
};

type FoldView = FoldPlan & {
  best: {
    params: Record<string, unknown>;
    inSample: Record<string, unknown> | null;
    outOfSample: Record<string, unknown> | null;
    inScore: number | null;
    outScore: number | null;
  } | null;
  /** Why a fold has no best: none of its train points was scored. */
  reason?: string;
};

function view(point: PointRow): PointView {
  return {
    params: point.params,
    metrics: point.metrics,
    score: point.score,
    ...(point.rejected === undefined ? {} : { rejected: point.rejected }),
  };
}

/** The first ranked point when it is scored. */
function bestOf(ranked: PointRow[]): PointView | null {
  const best = ranked[0];
  return best && best.score !== null ? view(best) : null;
}

function unscoredReason(train: PointRow[]): string {
  const first = train[0]?.rejected;
  return first ? `no train point was scored (the first: ${first})` : 'no train point was scored';
}

function foldView(fold: FoldPlan, best: PointView | null, test: PointRow | null): FoldView {
  return {
    index: fold.index,
    train: fold.train,
    test: fold.test,
    best:
      best && test
        ? {
            params: best.params,
            inSample: best.metrics,
            outOfSample: test.metrics,
            inScore: best.score,
            outScore: test.score,
          }
        : null,
  };
}
