import type { OptimizationRunRow } from '../database/repositories/optimization-run.repository';
import { OptimizationStatus } from '../database/entities/optimization-run.entity';

/** A run as GET /api/optimizations/:id shows it (docs/optimization.md, API). */
export interface OptimizationView {
  id: string;
  status: OptimizationStatus;
  error: string | null;
  strategy: string;
  method: string;
  objective: string;
  seed: number | null;
  candles: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  progress: { done: number; total: number; etaMs: number | null };
  best: Record<string, unknown> | null;
  results?: Record<string, unknown>[];
  folds?: Record<string, unknown>[] | null;
  walkForward: Record<string, unknown> | null;
}

/** The run's view; `listed` leaves out its results and folds (GET /api/optimizations). */
export function optimizationView(
  run: OptimizationRunRow,
  now = Date.now(),
  listed = false,
): OptimizationView {
  const view: OptimizationView = {
    id: run.id,
    status: run.status,
    error: run.error,
    strategy: run.strategy,
    method: run.method,
    objective: run.objective,
    seed: run.seed,
    candles: run.candles,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    progress: {
      done: run.progressDone,
      total: run.progressTotal,
      etaMs: etaMs(run, now),
    },
    best: run.best,
    walkForward: run.walkForward,
  };
  if (!listed) return { ...view, results: run.results ?? [], folds: run.folds };
  // A list stays small: the stitched curve (a point per test candle) is the run's own view's.
  const walkForward = run.walkForward && {
    mode: run.walkForward.mode,
    efficiency: run.walkForward.efficiency,
  };
  return { ...view, walkForward };
}

/** The time left at the rate so far; null before the first point or once finished. */
export function etaMs(
  run: Pick<OptimizationRunRow, 'status' | 'startedAt' | 'progressDone' | 'progressTotal'>,
  now: number,
): number | null {
  if (run.status !== OptimizationStatus.Running || !run.startedAt || run.progressDone === 0) {
    return null;
  }
  const elapsed = now - run.startedAt.getTime();
  const left = Math.max(0, run.progressTotal - run.progressDone);
  return Math.round((elapsed / run.progressDone) * left);
}
