import Decimal from 'decimal.js';
import type { BacktestMetrics } from '../backtest-report';
import type { ObjectiveSpec, ScoredPoint, SearchParams } from './optimization.types';

/** Points a run reports, best first. */
export const TOP_POINTS = 100;

/**
 * A run's score: Number(metrics[objective]), unless a constraint fails or the objective is
 * undefined for the run (e.g. sharpe of a flat curve); then score null and why.
 */
export function scorePoint(
  params: SearchParams,
  metrics: BacktestMetrics,
  { objective, constraints }: ObjectiveSpec,
): ScoredPoint {
  const { minTrades, maxDrawdownPct } = constraints;
  if (minTrades !== undefined && metrics.roundTrips < minTrades) {
    return unscored(
      params,
      metrics,
      `${metrics.roundTrips} round trips, fewer than minTrades (${minTrades})`,
    );
  }
  if (maxDrawdownPct !== undefined && new Decimal(metrics.maxDrawdownPct).gt(maxDrawdownPct)) {
    return unscored(
      params,
      metrics,
      `drawdown ${metrics.maxDrawdownPct}% is deeper than maxDrawdownPct (${maxDrawdownPct}%)`,
    );
  }
  const value = metrics[objective];
  if (value === null) return unscored(params, metrics, `${objective} is undefined for this run`);
  return { params, metrics, score: Number(value) };
}

/** A point whose merged request is invalid: nothing ran. */
export function rejectedPoint(params: SearchParams, reason: string): ScoredPoint {
  return { params, metrics: null, score: null, rejected: reason };
}

function unscored(params: SearchParams, metrics: BacktestMetrics, reason: string): ScoredPoint {
  return { params, metrics, score: null, rejected: reason };
}

/**
 * Best first: score descending, unscored last; ties keep the order given, which is the
 * grid's (or the sampler's) when points are passed in the order they were asked.
 */
export function rankPoints<T extends { score: number | null }>(points: readonly T[]): T[] {
  return points
    .map((point, order) => ({ point, order }))
    .sort(
      (a, b) => (b.point.score ?? -Infinity) - (a.point.score ?? -Infinity) || a.order - b.order,
    )
    .map(({ point }) => point);
}

/** The best `n` points, ranked. */
export function topPoints<T extends { score: number | null }>(
  points: readonly T[],
  n = TOP_POINTS,
): T[] {
  return rankPoints(points).slice(0, n);
}
