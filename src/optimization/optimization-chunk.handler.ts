import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { OptimizationStatus } from '../database/entities/optimization-run.entity';
import { OptimizationRunRepository } from '../database/repositories/optimization-run.repository';
import { BacktestPool } from '../backtest/pool/backtest-pool.service';
import { type JobHandler, UnrecoverableJobError } from '../queue/job-queue';
import { type JobData, JobName, type OptimizationChunkJobData } from '../queue/queue.constants';
import { ChunkInputs } from './chunk-inputs';
import { ChunkStoredSignal } from './chunk-stored-signal';
import { STOPPED_REASON } from './optimization-coordinator.service';
import type { ObjectiveSpec } from '../backtest/search/optimization.types';

/**
 * Runs a chunk of points wherever the queue hands it (the accepting process, or any Bull
 * worker): a run no longer running is skipped before any work, and the points are stored
 * only while it still runs.
 */
@Injectable()
export class OptimizationChunkHandler implements JobHandler, OnModuleDestroy {
  /** This worker as its points name it (host, process, app): shows the work spread. */
  readonly workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

  /** Set once the app stops: a chunk cut off by its thread's end is the stop's doing. */
  private closing = false;

  constructor(
    private readonly runs: OptimizationRunRepository,
    private readonly inputs: ChunkInputs,
    private readonly pool: BacktestPool,
    private readonly stored: ChunkStoredSignal,
  ) {}

  async handle<N extends JobName>(name: N, data: JobData[N]): Promise<void> {
    if (name !== JobName.OptimizationChunk) {
      throw new UnrecoverableJobError(`unknown job ${String(name)}`);
    }
    await this.run(data as OptimizationChunkJobData);
  }

  private async run(chunk: OptimizationChunkJobData): Promise<void> {
    if ((await this.runs.status(chunk.runId)) !== OptimizationStatus.Running) return;
    try {
      await this.evaluate(chunk);
    } catch (error) {
      // Points that cannot run are rejected points, not errors: this is a fault of the
      // machinery (a thread out of memory), which a retry would only repeat.
      const reason = this.closing
        ? STOPPED_REASON
        : `a chunk of points failed: ${(error as Error).message}`;
      await this.runs.end(chunk.runId, OptimizationStatus.Failed, reason);
      throw new UnrecoverableJobError(reason);
    }
  }

  onModuleDestroy(): void {
    this.closing = true;
  }

  private async evaluate(chunk: OptimizationChunkJobData): Promise<void> {
    const input = await this.inputs.get(chunk.runId);
    if (!input) return;
    const outcome = await this.pool.runChunk({
      kind: 'chunk',
      runId: chunk.runId,
      input,
      window: chunk.window,
      points: chunk.points,
      objective: chunk.objective as ObjectiveSpec,
      ...(chunk.withEquity ? { withEquity: true as const } : {}),
    });
    if (outcome.kind !== 'points') throw new Error(`a chunk thread answered ${outcome.kind}`);
    await this.runs.addPoints(
      chunk.runId,
      chunk.stage,
      outcome.points.map((point, i) => ({
        seq: chunk.firstSeq + i,
        params: point.params,
        metrics: point.metrics as Record<string, unknown> | null,
        score: point.score,
        rejected: point.rejected,
        equity: point.equity,
      })),
      this.workerId,
    );
    this.stored.notify();
  }
}
