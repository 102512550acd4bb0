import { grouped } from '../numbers';
import { formatRecord, formatTable } from '../output';

import type { Schemas } from './api-client';

/** A run as GET /api/optimizations/:id gives it; the list's items leave results and folds out. */
export type RunView = Schemas['OptimizationSummaryDto'] &
  Partial<Pick<Schemas['OptimizationViewDto'], 'results' | 'folds'>>;
type PointView = Schemas['OptimizationPointDto'];

export function isActive(status: string): boolean {
  return status === 'queued' || status === 'running';
}

/** `1 h 02 min`, `3 min 05 s`, `12 s`. */
export function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const pad = (value: number) => String(value).padStart(2, '0');
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${pad(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} min`;
}

/** `[#######.............]  35/100  35 %  ETA 12 s`: one line, redrawn on a terminal. */
export function progressBar(progress: RunView['progress'], width = 20): string {
  const share = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  const filled = Math.floor(share * width);
  const eta = progress.etaMs === null ? '' : `  ETA ${duration(progress.etaMs)}`;
  return (
    `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]  ${progress.done}/${progress.total}` +
    `  ${Math.floor(share * 100)} %${eta}`
  );
}

/** A plain line for a log: no bar, no carriage return. */
export function progressLine(view: RunView): string {
  const eta = view.progress.etaMs === null ? '' : `, ETA ${duration(view.progress.etaMs)}`;
  return `${view.status}: ${view.progress.done}/${view.progress.total} points${eta}`;
}

export function paramsText(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
}

const score = (value: number | null | undefined) =>
  value === null || value === undefined ? '-' : value.toFixed(4);
const metric = (point: PointView, key: 'returnPct' | 'maxDrawdownPct') => {
  const value = point.metrics?.[key];
  return value === null || value === undefined ? '-' : grouped(String(value), 2);
};

/** The run in `key  value` lines: what ran, how far, the best point. */
export function describeRun(view: RunView): string {
  const entries: [string, string][] = [
    ['id', view.id],
    ['status', view.status],
    ['strategy', view.strategy],
    ['method', view.method + (view.seed === null ? '' : `, seed ${view.seed}`)],
    ['objective', view.objective],
    ['candles', String(view.candles)],
    ['points', `${view.progress.done}/${view.progress.total}`],
  ];
  if (view.error) entries.push(['error', view.error]);
  if (view.best) {
    entries.push(['best score', score(view.best.score)]);
    entries.push(['best params', paramsText(view.best.params)]);
    entries.push(['best return %', metric(view.best, 'returnPct')]);
  }
  if (view.walkForward) {
    entries.push(['walk-forward', view.walkForward.mode]);
    entries.push(['efficiency', score(view.walkForward.efficiency)]);
  }
  return formatRecord(entries);
}

/** The first `count` results (the API orders them by the objective), one column per param. */
export function resultsTable(results: readonly PointView[], count = 10): string {
  const top = results.slice(0, count);
  const keys = [...new Set(top.flatMap((point) => Object.keys(point.params)))];
  return formatTable(
    ['#', 'SCORE', ...keys.map((key) => key.toUpperCase()), 'RETURN %', 'MAX DD %', 'TRADES'],
    top.map((point, index) => [
      String(index + 1),
      point.score === null ? `- (${point.rejected ?? 'not scored'})` : score(point.score),
      ...keys.map((key) => (key in point.params ? String(point.params[key]) : '-')),
      metric(point, 'returnPct'),
      metric(point, 'maxDrawdownPct'),
      String(point.metrics?.roundTrips ?? '-'),
    ]),
  );
}

export function foldsTable(folds: NonNullable<RunView['folds']>): string {
  return formatTable(
    ['FOLD', 'TRAIN', 'TEST', 'IN', 'OUT', 'PARAMS'],
    folds.map((fold) => [
      String(fold.index + 1),
      `${fold.train.from}-${fold.train.to}`,
      `${fold.test.from}-${fold.test.to}`,
      score(fold.best?.inScore),
      score(fold.best?.outScore),
      fold.best ? paramsText(fold.best.params) : 'none scored',
    ]),
  );
}

/** `optimize ls`: one line per run, newest first. */
export function runsTable(runs: readonly RunView[]): string {
  return formatTable(
    ['ID', 'CREATED', 'STRATEGY', 'METHOD', 'OBJECTIVE', 'STATUS', 'POINTS', 'BEST'],
    runs.map((run) => [
      run.id,
      run.createdAt,
      run.strategy,
      run.method,
      run.objective,
      run.status,
      `${run.progress.done}/${run.progress.total}`,
      score(run.best?.score),
    ]),
  );
}

/** The whole report of a finished run: the record, the folds, the top ten. */
export function runReport(view: RunView): string {
  const parts = [describeRun(view)];
  if (view.folds && view.folds.length > 0) parts.push(foldsTable(view.folds));
  if (view.results && view.results.length > 0) parts.push(resultsTable(view.results));
  return parts.join('\n');
}

/**
 * Asks for the run until it ends, showing each answer; `wait` paces the questions (a
 * second in use, nothing in tests).
 */
export async function watchRun(
  fetchView: () => Promise<RunView>,
  show: (view: RunView) => void,
  wait: () => Promise<void>,
): Promise<RunView> {
  for (;;) {
    const view = await fetchView();
    show(view);
    if (!isActive(view.status)) return view;
    await wait();
  }
}
