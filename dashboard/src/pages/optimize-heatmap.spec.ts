import { axisValues, colour, defaultAxes, heatmap, ink } from './optimize-heatmap';
import type { Point } from './optimize-types';

const point = (params: Point['params'], score: number | null): Point => ({
  params,
  score,
  metrics: {} as Point['metrics'],
});

describe('heatmap', () => {
  const points = [
    point({ fast: 10, slow: 30, long: true }, 1),
    point({ fast: 5, slow: 30, long: true }, 2),
    point({ fast: 5, slow: 30, long: false }, 3),
    point({ fast: 5, slow: 20, long: true }, null),
    point({ fast: 10, slow: 20, long: false }, -1),
    point({ fast: 20, slow: 20, long: true }, null),
    point({ fast: 20, slow: 20, long: false }, 0.5),
  ];

  it('has the values each param takes as its axes, sorted by value', () => {
    expect(axisValues(points, 'fast')).toEqual([5, 10, 20]);
    expect(axisValues(points, 'long')).toEqual([false, true]);
  });

  it('gives each cell the best score there, null when none scored, undefined when not searched', () => {
    const map = heatmap(points, 'fast', 'slow');
    expect(map.xs).toEqual([5, 10, 20]);
    expect(map.ys).toEqual([20, 30]);
    expect(map.cells).toEqual([
      [null, -1, 0.5],
      [3, 1, undefined],
    ]);
    expect([map.min, map.max]).toEqual([-1, 3]);
  });

  it('works for any two params, words and booleans too', () => {
    const map = heatmap(points, 'long', 'fast');
    expect(map.xs).toEqual([false, true]);
    expect(map.ys).toEqual([5, 10, 20]);
    expect(map.cells).toEqual([
      [3, 2],
      [-1, 1],
      [0.5, null],
    ]);
  });

  it('offers the first two varied params as the axes', () => {
    expect(defaultAxes(points)).toEqual(['fast', 'slow']);
    expect(defaultAxes([point({ fast: 1 }, 1)])).toBeNull();
    const [a, b] = [point({ a: 1, b: 2, c: 3 }, 1), point({ a: 1, b: 2, c: 4 }, 2)];
    expect(defaultAxes([a, b])).toEqual(['c', 'a']);
  });
});

describe('colour', () => {
  it('runs from red at the worst through amber to green at the best', () => {
    expect(colour(-1, -1, 3)).toBe('rgb(207, 34, 46)');
    expect(colour(1, -1, 3)).toBe('rgb(219, 171, 9)');
    expect(colour(3, -1, 3)).toBe('rgb(26, 127, 55)');
    expect(colour(2, -1, 3)).toBe('rgb(123, 149, 32)');
    // One score only: the best.
    expect(colour(5, 5, 5)).toBe('rgb(26, 127, 55)');
  });

  it('writes dark labels on the light middle of the scale and white ones at its ends', () => {
    expect(ink(1, -1, 3)).toBe('#1f2328');
    expect(ink(-1, -1, 3)).toBe('#ffffff');
    expect(ink(3, -1, 3)).toBe('#ffffff');
  });
});
