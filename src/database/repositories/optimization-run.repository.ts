import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, type DataSource, type FindOptionsSelect, In, LessThan } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  OptimizationPoint,
  OptimizationRun,
  OptimizationStatus,
} from '../entities/optimization-run.entity';

export type NewOptimizationRun = Pick<
  OptimizationRun,
  | 'userId'
  | 'strategy'
  | 'method'
  | 'objective'
  | 'seed'
  | 'candles'
  | 'request'
  | 'symbolFilters'
  | 'candleRows'
  | 'progressTotal'
>;

/** A run as the API shows it: everything but its input. */
export type OptimizationRunRow = Omit<OptimizationRun, 'request' | 'symbolFilters' | 'candleRows'>;

/** What a worker loads to run a run's chunks. */
export type OptimizationInput = Pick<
  OptimizationRun,
  'id' | 'request' | 'symbolFilters' | 'candleRows'
>;

export interface PointRow {
  seq: number;
  params: Record<string, unknown>;
  metrics: Record<string, unknown> | null;
  score: number | null;
  rejected?: string;
  equity?: { time: number; value: string }[];
}

export type FinishedRun = Pick<OptimizationRun, 'best' | 'results' | 'folds' | 'walkForward'>;

const ACTIVE = [OptimizationStatus.Queued, OptimizationStatus.Running];
const VIEW_KEYS: (keyof OptimizationRun)[] = [
  'id',
  'userId',
  'status',
  'error',
  'strategy',
  'method',
  'objective',
  'seed',
  'candles',
  'progressDone',
  'progressTotal',
  'best',
  'results',
  'folds',
  'walkForward',
  'heartbeatAt',
  'createdAt',
  'startedAt',
  'finishedAt',
];
const columns = (keys: (keyof OptimizationRun)[]): FindOptionsSelect<OptimizationRun> =>
  Object.fromEntries(keys.map((key) => [key, true]));
const VIEW_COLUMNS = columns(VIEW_KEYS);
const LIST_COLUMNS = columns(VIEW_KEYS.filter((key) => key !== 'results' && key !== 'folds'));

/** Parameter searches and their evaluated points (optimization_run, optimization_point). */
@Injectable()
export class OptimizationRunRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(run: NewOptimizationRun): Promise<string> {
    const saved = await this.dataSource.manager.save(OptimizationRun, {
      ...run,
      status: OptimizationStatus.Queued,
      heartbeatAt: new Date(),
    });
    return saved.id;
  }

  /** The user's run, or null when there is none or it is another user's. */
  findOwned(id: string, userId: string): Promise<OptimizationRunRow | null> {
    return this.dataSource.manager.findOne(OptimizationRun, {
      select: VIEW_COLUMNS,
      where: { id, userId },
    });
  }

  /** The user's runs, newest first, without their results. */
  listOwned(userId: string): Promise<OptimizationRunRow[]> {
    return this.dataSource.manager.find(OptimizationRun, {
      select: LIST_COLUMNS,
      where: { userId },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  loadInput(id: string): Promise<OptimizationInput | null> {
    return this.dataSource.manager.findOne(OptimizationRun, {
      select: columns(['id', 'request', 'symbolFilters', 'candleRows']),
      where: { id },
    });
  }

  async status(id: string): Promise<OptimizationStatus | null> {
    const run = await this.dataSource.manager.findOne(OptimizationRun, {
      select: columns(['status']),
      where: { id },
    });
    return run?.status ?? null;
  }

  /** Queued → running; false when the run was cancelled (or swept) first. */
  async start(id: string): Promise<boolean> {
    const now = new Date();
    const result = await this.dataSource.manager.update(
      OptimizationRun,
      { id, status: OptimizationStatus.Queued },
      { status: OptimizationStatus.Running, startedAt: now, heartbeatAt: now },
    );
    return result.affected === 1;
  }

  /** The coordinator is alive; false once the run is no longer running (cancelled, swept). */
  async beat(id: string, progressTotal?: number): Promise<boolean> {
    const result = await this.dataSource.manager.update(
      OptimizationRun,
      { id, status: OptimizationStatus.Running },
      { heartbeatAt: new Date(), ...(progressTotal === undefined ? {} : { progressTotal }) },
    );
    return result.affected === 1;
  }

  /**
   * Stores a chunk's points and counts them in the run's progress, in one statement that
   * writes nothing unless the run is still running: no point lands after a cancel has
   * committed. A chunk run twice adds nothing the second time. Returns how many were new.
   * The run's row is locked FOR UPDATE, not FOR SHARE: two chunks sharing it would each wait
   * for the other's share to update the progress (a deadlock); this way they take turns.
   */
  async addPoints(
    runId: string,
    stage: string,
    points: PointRow[],
    worker: string,
  ): Promise<number> {
    const rows = points.map((point) => ({
      seq: point.seq,
      params: point.params,
      metrics: point.metrics,
      score: point.score,
      rejected: point.rejected ?? null,
      equity: point.equity ?? null,
    }));
    const result = (await this.dataSource.query(
      `WITH running AS (
         SELECT id FROM optimization_run WHERE id = $1 AND status = 'running' FOR UPDATE
       ), added AS (
         INSERT INTO optimization_point
           (run_id, stage, seq, params, metrics, score, rejected, equity, worker)
         SELECT running.id, $2, p.seq, p.params, p.metrics, p.score, p.rejected, p.equity, $4
         FROM running, jsonb_to_recordset($3::jsonb) AS p(
           seq integer, params jsonb, metrics jsonb, score double precision, rejected text,
           equity jsonb)
         ON CONFLICT DO NOTHING
         RETURNING 1
       )
       UPDATE optimization_run SET progress_done = progress_done + (SELECT count(*) FROM added)
       WHERE id IN (SELECT id FROM running)
       RETURNING (SELECT count(*) FROM added)::integer AS added`,
      [runId, stage, JSON.stringify(rows), worker],
    )) as [{ added: number }[], number];
    return result[0][0]?.added ?? 0;
  }

  /** A stage's points with seq in [from, to), in seq order. */
  async points(runId: string, stage: string, from = 0, to = 2 ** 31 - 1): Promise<PointRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT seq, params, metrics, score, rejected, equity FROM optimization_point
       WHERE run_id = $1 AND stage = $2 AND seq >= $3 AND seq < $4 ORDER BY seq`,
      [runId, stage, from, to],
    )) as (PointRow & { rejected: string | null; equity: PointRow['equity'] | null })[];
    return rows.map(({ rejected, equity, ...point }) => ({
      ...point,
      ...(rejected === null ? {} : { rejected }),
      ...(equity === null ? {} : { equity }),
    }));
  }

  /** A stage's stored points with seq in [from, to). */
  async countPoints(runId: string, stage: string, from = 0, to = 2 ** 31 - 1): Promise<number> {
    return this.dataSource.manager.count(OptimizationPoint, {
      where: { runId, stage, seq: Between(from, to - 1) },
    });
  }

  /** Which processes ran a run's points, and how many each. */
  async workers(runId: string): Promise<Record<string, number>> {
    const rows = (await this.dataSource.query(
      `SELECT worker, count(*)::integer AS points FROM optimization_point
       WHERE run_id = $1 GROUP BY worker`,
      [runId],
    )) as { worker: string; points: number }[];
    return Object.fromEntries(rows.map((row) => [row.worker, row.points]));
  }

  /** Running → done with its results; false when it was cancelled or swept meanwhile. */
  async finish(id: string, finished: FinishedRun): Promise<boolean> {
    const result = await this.dataSource.manager.update(
      OptimizationRun,
      { id, status: OptimizationStatus.Running },
      // jsonb columns: TypeORM's deep partial cannot type a Record's values.
      {
        ...finished,
        status: OptimizationStatus.Done,
        finishedAt: new Date(),
      } as QueryDeepPartialEntity<OptimizationRun>,
    );
    return result.affected === 1;
  }

  /** An active run ends (failed or cancelled); a finished one is never touched. */
  async end(
    id: string,
    status: OptimizationStatus.Failed | OptimizationStatus.Cancelled,
    error: string | null,
    userId?: string,
  ): Promise<boolean> {
    const result = await this.dataSource.manager.update(
      OptimizationRun,
      { id, status: In(ACTIVE), ...(userId === undefined ? {} : { userId }) },
      { status, error, finishedAt: new Date() },
    );
    return result.affected === 1;
  }

  /** Active runs whose coordinator has not beaten since `before` end failed; their ids. */
  async failStale(before: Date, reason: string): Promise<string[]> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .update(OptimizationRun)
      .set({ status: OptimizationStatus.Failed, error: reason, finishedAt: new Date() })
      .where({ status: In(ACTIVE), heartbeatAt: LessThan(before) })
      .returning(['id'])
      .execute();
    return (result.raw as { id: string }[]).map((row) => row.id);
  }
}
