import {
  botParams,
  duration,
  nextSort,
  paramKeys,
  progressText,
  sortPoints,
} from './optimize-results';
import type { Point } from './optimize-types';

const point = (
  params: Point['params'],
  score: number | null,
  metrics: Record<string, unknown> = {},
): Point => ({ params, score, metrics: metrics as Point['metrics'] });

const points = [
  point({ fast: 5, kind: 'ema', 'risk.stopLossPct': '2' }, 1.5, {
    returnPct: '12.5',
    sharpe: '1.5',
  }),
  point({ fast: 10, kind: 'sma', 'risk.stopLossPct': '10' }, null, {
    returnPct: '-3',
    sharpe: null,
  }),
  point({ fast: 20, kind: 'ema', 'risk.stopLossPct': '1.5' }, 0.25, {
    returnPct: '9',
    sharpe: '0.25',
  }),
  point({ fast: 15, kind: 'sma', 'risk.stopLossPct': '3' }, 2, { returnPct: '100', sharpe: '2' }),
];
const order = (sorted: Point[]) => sorted.map((p) => p.params.fast);

describe('sortPoints', () => {
  it('sorts by the score, high first, the unscored last', () => {
    expect(order(sortPoints(points, { column: { kind: 'score' }, descending: true }))).toEqual([
      15, 5, 20, 10,
    ]);
    expect(order(sortPoints(points, { column: { kind: 'score' }, descending: false }))).toEqual([
      20, 5, 15, 10,
    ]);
  });

  it('sorts a param by its value: numbers and decimal strings as numbers, words as text', () => {
    const byStop = { kind: 'param', key: 'risk.stopLossPct' } as const;
    // As text "10" would come before "2".
    expect(order(sortPoints(points, { column: byStop, descending: false }))).toEqual([
      20, 5, 15, 10,
    ]);
    const byKind = { kind: 'param', key: 'kind' } as const;
    expect(order(sortPoints(points, { column: byKind, descending: true }))).toEqual([
      10, 15, 5, 20,
    ]);
  });

  it('sorts a metric by its decimal value, a null ratio last either way', () => {
    const byReturn = { kind: 'metric', key: 'returnPct' } as const;
    expect(order(sortPoints(points, { column: byReturn, descending: true }))).toEqual([
      15, 5, 20, 10,
    ]);
    const bySharpe = { kind: 'metric', key: 'sharpe' } as const;
    expect(order(sortPoints(points, { column: bySharpe, descending: false }))).toEqual([
      20, 5, 15, 10,
    ]);
  });

  it('leaves the points it was given as they were', () => {
    const copy = [...points];
    sortPoints(points, { column: { kind: 'score' }, descending: false });
    expect(points).toEqual(copy);
  });
});

describe('nextSort', () => {
  it('flips the order of the same column and starts a new one high first', () => {
    const byFast = { kind: 'param', key: 'fast' } as const;
    const start = { column: { kind: 'score' } as const, descending: true };
    expect(nextSort(start, { kind: 'score' })).toEqual({ ...start, descending: false });
    expect(nextSort(start, byFast)).toEqual({ column: byFast, descending: true });
  });
});

describe('paramKeys', () => {
  it('lists the params the points vary, in their order', () => {
    expect(paramKeys(points)).toEqual(['fast', 'kind', 'risk.stopLossPct']);
  });
});

describe('progress', () => {
  it('writes the count, the percentage and the ETA once known', () => {
    expect(progressText({ done: 42, total: 120, etaMs: 12_400 })).toBe(
      '42 of 120 points (35 %), about 12 s left',
    );
    expect(progressText({ done: 0, total: 0, etaMs: null })).toBe('0 of 0 points (0 %)');
    expect(duration(185_000)).toBe('3 min 05 s');
    expect(duration(3_720_000)).toBe('1 h 02 min');
  });
});

describe('botParams', () => {
  it("puts the point's params over the run's fixed ones, risk keys into the risk", () => {
    expect(
      botParams(points[0], {
        strategyParams: { fast: 3, slow: 30 },
        risk: { positionSizeQuote: '100', stopLossPct: '5' },
      }),
    ).toEqual({
      strategyParams: { fast: 5, slow: 30, kind: 'ema' },
      risk: { positionSizeQuote: '100', stopLossPct: '2' },
    });
  });
});
