import type { BacktestMetrics } from '../backtest-report';
import { rankPoints, rejectedPoint, scorePoint, topPoints } from './objective';

const metrics = (patch: Partial<BacktestMetrics>) =>
  ({
    roundTrips: 10,
    maxDrawdownPct: '12.5',
    sharpe: '1.25',
    returnPct: '-3',
    ...patch,
  }) as BacktestMetrics;

describe('scorePoint', () => {
  const params = { fast: 5 };

  it('scores Number(metrics[objective])', () => {
    expect(scorePoint(params, metrics({}), { objective: 'sharpe', constraints: {} })).toEqual({
      params,
      metrics: metrics({}),
      score: 1.25,
    });
    expect(scorePoint(params, metrics({}), { objective: 'returnPct', constraints: {} }).score).toBe(
      -3,
    );
  });

  it('leaves a point unscored when its objective is null', () => {
    expect(
      scorePoint(params, metrics({ sharpe: null }), { objective: 'sharpe', constraints: {} }),
    ).toMatchObject({ score: null, rejected: 'sharpe is undefined for this run' });
  });

  it('rejects on minTrades (round trips) and maxDrawdownPct, at the bound scored', () => {
    const spec = (constraints: object) => ({ objective: 'sharpe' as const, constraints });
    expect(scorePoint(params, metrics({}), spec({ minTrades: 11 }))).toMatchObject({
      score: null,
      rejected: '10 round trips, fewer than minTrades (11)',
    });
    expect(scorePoint(params, metrics({}), spec({ minTrades: 10 })).score).toBe(1.25);
    expect(scorePoint(params, metrics({}), spec({ maxDrawdownPct: '12.49' }))).toMatchObject({
      score: null,
      rejected: 'drawdown 12.5% is deeper than maxDrawdownPct (12.49%)',
    });
    expect(scorePoint(params, metrics({}), spec({ maxDrawdownPct: '12.5' })).score).toBe(1.25);
  });

  it('rejects a point that did not run, without metrics', () => {
    expect(rejectedPoint(params, 'emaFast must be less than emaSlow')).toEqual({
      params,
      metrics: null,
      score: null,
      rejected: 'emaFast must be less than emaSlow',
    });
  });
});

describe('rankPoints', () => {
  it('orders by score descending, unscored last, ties in the given order', () => {
    const points = [
      { id: 'a', score: null },
      { id: 'b', score: 1 },
      { id: 'c', score: 3 },
      { id: 'd', score: 1 },
      { id: 'e', score: null },
      { id: 'f', score: -2 },
    ];
    expect(rankPoints(points).map((p) => p.id)).toEqual(['c', 'b', 'd', 'f', 'a', 'e']);
    expect(topPoints(points, 2).map((p) => p.id)).toEqual(['c', 'b']);
    expect(topPoints(Array.from({ length: 150 }, (_, i) => ({ score: i })))).toHaveLength(100);
  });
});
