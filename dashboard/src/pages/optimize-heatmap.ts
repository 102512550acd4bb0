import { paramKeys } from './optimize-results';
import type { Point, SpaceValue } from './optimize-types';

/**
 * The objective over two params: one cell per pair of their values, the best score of the
 * points there (the other params vary). `undefined`: no point searched there; `null`:
 * points, none scored.
 */
export interface Heatmap {
  xs: SpaceValue[];
  ys: SpaceValue[];
  /** cells[row][column]: row by y value, column by x value. */
  cells: (number | null | undefined)[][];
  min: number | null;
  max: number | null;
}

/** The values a param takes in the points, numbers by size, words by their text. */
export function axisValues(points: readonly Point[], key: string): SpaceValue[] {
  const seen = new Map<string, SpaceValue>();
  for (const point of points) {
    const value = point.params[key];
    if (value !== undefined) seen.set(`${typeof value}:${String(value)}`, value);
  }
  return [...seen.values()].sort((a, b) => {
    const [x, y] = [Number(a), Number(b)];
    if (typeof a !== 'boolean' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
    return String(a).localeCompare(String(b));
  });
}

export function heatmap(points: readonly Point[], xKey: string, yKey: string): Heatmap {
  const xs = axisValues(points, xKey);
  const ys = axisValues(points, yKey);
  const index = (values: SpaceValue[], value: SpaceValue | undefined) =>
    values.findIndex((candidate) => candidate === value);
  const cells: (number | null | undefined)[][] = ys.map(() => xs.map(() => undefined));
  let min: number | null = null;
  let max: number | null = null;
  for (const point of points) {
    const [column, row] = [index(xs, point.params[xKey]), index(ys, point.params[yKey])];
    if (column < 0 || row < 0) continue;
    const here = cells[row][column];
    if (point.score === null) {
      if (here === undefined) cells[row][column] = null;
      continue;
    }
    if (here === undefined || here === null || point.score > here) cells[row][column] = point.score;
    min = min === null ? point.score : Math.min(min, point.score);
    max = max === null ? point.score : Math.max(max, point.score);
  }
  return { xs, ys, cells, min, max };
}

/** The two params first offered: the first two the points vary. */
export function defaultAxes(points: readonly Point[]): [string, string] | null {
  const all = paramKeys(points);
  if (all.length < 2) return null;
  const varied = all.filter((key) => axisValues(points, key).length > 1);
  const [x, y] = [...varied, ...all.filter((key) => !varied.includes(key))];
  return [x, y];
}

const LOW = [207, 34, 46];
const MIDDLE = [219, 171, 9];
const HIGH = [26, 127, 55];
/** Searched, but no point scored (a constraint failed, or invalid params). */
export const UNSCORED = 'rgb(208, 215, 222)';

/** A score's colour: red at the worst, amber halfway, green at the best. */
export function colour(score: number, min: number, max: number): string {
  const [r, g, b] = rgb(score, min, max);
  return `rgb(${r}, ${g}, ${b})`;
}

/** The label written on a cell: dark on the light ambers, white on the rest (legible on both). */
export function ink(score: number, min: number, max: number): string {
  const [r, g, b] = rgb(score, min, max);
  return 0.299 * r + 0.587 * g + 0.114 * b > 140 ? '#1f2328' : '#ffffff';
}

function rgb(score: number, min: number, max: number): number[] {
  const t = max > min ? Math.min(1, Math.max(0, (score - min) / (max - min))) : 1;
  const [from, to, u] = t < 0.5 ? [LOW, MIDDLE, t * 2] : [MIDDLE, HIGH, (t - 0.5) * 2];
  return [0, 1, 2].map((i) => Math.round(from[i] + (to[i] - from[i]) * u));
}
