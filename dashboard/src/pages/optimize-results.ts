import type { Objective, Point, SpaceValue } from './optimize-types';

/** The metrics the results table shows, beside the score and the params. */
export const METRIC_COLUMNS = [
  ['returnPct', 'Return %'],
  ['sharpe', 'Sharpe'],
  ['sortino', 'Sortino'],
  ['calmar', 'Calmar'],
  ['profitFactor', 'Profit factor'],
  ['maxDrawdownPct', 'Max DD %'],
  ['winRatePct', 'Win rate %'],
  ['roundTrips', 'Trades'],
] as const;

/** A column of the table: the score, a searched param, or a metric. */
export type Column =
  { kind: 'score' } | { kind: 'param'; key: string } | { kind: 'metric'; key: string };

export interface Sort {
  column: Column;
  descending: boolean;
}

/** The params the points vary, in the order they first appear. */
export function paramKeys(points: readonly Point[]): string[] {
  const keys = new Set<string>();
  for (const point of points) for (const key of Object.keys(point.params)) keys.add(key);
  return [...keys];
}

export function cell(point: Point, column: Column): SpaceValue | null | undefined {
  if (column.kind === 'score') return point.score;
  if (column.kind === 'param') return point.params[column.key];
  return (point.metrics as Record<string, SpaceValue | null> | null)?.[column.key];
}

/** Numbers (and decimal strings) by value, words by their text, booleans false first. */
function compare(a: SpaceValue, b: SpaceValue): number {
  const [x, y] = [Number(a), Number(b)];
  if (
    typeof a !== 'boolean' &&
    typeof b !== 'boolean' &&
    Number.isFinite(x) &&
    Number.isFinite(y)
  ) {
    return x - y;
  }
  return String(a).localeCompare(String(b));
}

/** The points by one column; a missing value (unscored, null ratio) stays last either way. */
export function sortPoints(points: readonly Point[], sort: Sort): Point[] {
  const sign = sort.descending ? -1 : 1;
  return points
    .map((point, index) => ({ point, index, value: cell(point, sort.column) }))
    .sort((a, b) => {
      const aMissing = a.value === null || a.value === undefined || a.value === '';
      const bMissing = b.value === null || b.value === undefined || b.value === '';
      if (aMissing || bMissing)
        return aMissing === bMissing ? a.index - b.index : aMissing ? 1 : -1;
      return sign * compare(a.value!, b.value!) || a.index - b.index;
    })
    .map(({ point }) => point);
}

/** A click on a header: the same column flips its order; a new one starts high first. */
export function nextSort(current: Sort, column: Column): Sort {
  const same = JSON.stringify(current.column) === JSON.stringify(column);
  return { column, descending: same ? !current.descending : true };
}

export const OBJECTIVE_LABELS: Record<Objective, string> = {
  sharpe: 'Sharpe',
  returnPct: 'Return %',
  sortino: 'Sortino',
  calmar: 'Calmar',
  profitFactor: 'Profit factor',
  expectancy: 'Expectancy',
};

/** `1 h 02 min`, `3 min 05 s`, `12 s`: an ETA to read at a glance. */
export function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const pad = (value: number) => String(value).padStart(2, '0');
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${pad(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} min`;
}

/** `42 of 120 points (35 %), about 12 s left`; no ETA until the server has one. */
export function progressText(progress: { done: number; total: number; etaMs: number | null }) {
  const percent = progress.total > 0 ? Math.floor((100 * progress.done) / progress.total) : 0;
  const eta = progress.etaMs === null ? '' : `, about ${duration(progress.etaMs)} left`;
  return `${progress.done} of ${progress.total} points (${percent} %)${eta}`;
}

/** A param's value as the table and the heatmap's axes write it. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return '–';
  return typeof value === 'object' ? JSON.stringify(value) : String(value as SpaceValue);
}

/** The bot's params from a point: the run's fixed ones, the point's strategy params over them. */
export function botParams(
  point: Point,
  fixed: { strategyParams: Record<string, SpaceValue>; risk: Record<string, unknown> },
) {
  const strategyParams = { ...fixed.strategyParams };
  const risk = { ...fixed.risk };
  for (const [key, value] of Object.entries(point.params)) {
    if (key.startsWith('risk.')) risk[key.slice('risk.'.length)] = value;
    else strategyParams[key] = value;
  }
  return { strategyParams, risk };
}
