import { DEFAULT_BACKTEST_FILTERS } from '../backtest-filters';
import { BacktestJob } from '../backtest-job';
import { parseCandleRows } from '../candle-series';
import { randomWalk } from '../testing/random-walk';
import { RiskRules } from '../../risk/risk-rules';
import { EmaRsiStrategy } from '../../strategies/ema-rsi/ema-rsi.strategy';
import { StrategyRegistryService } from '../../strategies/strategy-registry.service';
import { evaluateChunk, mergePoint } from './chunk-evaluation';
import type { ChunkContext, FoldWindow, SearchParams } from './optimization.types';

const walk = randomWalk(3_000, 5);
const ROWS = Array.from(walk.close, (close, i) => [
  walk.openTime[i],
  String(walk.open[i]),
  String(walk.high[i]),
  String(walk.low[i]),
  String(close),
  String(walk.volume[i]),
  walk.closeTime[i],
]);

const REQUEST = {
  strategy: 'ema-rsi',
  strategyParams: { rsiPeriod: 10 },
  risk: { positionSizeQuote: '250', stopLossPct: '1.5' },
  paper: { initialBalanceQuote: '5000', feeRate: '0.001', slippageBps: '5' },
  filters: { stepSize: '0.00001', minQty: '0.00001', minNotional: '5' },
};

describe('evaluateChunk', () => {
  const strategies = new StrategyRegistryService([new EmaRsiStrategy()]);
  const riskRules = new RiskRules();
  const job = new BacktestJob(strategies, riskRules);
  const parsed = parseCandleRows(ROWS);
  if (!parsed.ok) throw new Error('bad rows');
  const context: ChunkContext = { request: REQUEST, series: parsed.series, symbolFilters: {} };

  /** POST /api/backtests of the merged request over the window's rows, as its JSON says. */
  async function plainBacktest(params: SearchParams, window: FoldWindow) {
    const body = { ...mergePoint(REQUEST, params), candles: ROWS.slice(window.from, window.to) };
    const outcome = await job.run({
      kind: 'body',
      body: new TextEncoder().encode(JSON.stringify(body)),
    });
    if (outcome.kind !== 'report') throw new Error(JSON.stringify(outcome));
    return (JSON.parse(Buffer.concat(outcome.json).toString('utf8')) as { metrics: unknown })
      .metrics;
  }

  const points: SearchParams[] = [
    { emaFast: 5, emaSlow: 20 },
    { emaFast: 8, emaSlow: 30, 'risk.stopLossPct': '0.5' },
    { emaFast: 12, emaSlow: 26, 'risk.takeProfitPct': '2', 'risk.cooldownCandles': 3 },
    { emaFast: 3, emaSlow: 50, 'risk.trailingStopPct': '0.75' },
  ];

  it.each<[string, FoldWindow]>([
    ['all candles', { from: 0, to: 3_000 }],
    ['a window', { from: 700, to: 2_100 }],
  ])('gives each point exactly the metrics of a plain backtest over %s', async (_, window) => {
    const scored = await evaluateChunk(
      context,
      { window, points, objective: { objective: 'returnPct', constraints: {} } },
      strategies,
      riskRules,
    );
    expect(scored.map((p) => p.params)).toEqual(points);
    for (const [i, point] of scored.entries()) {
      const expected = await plainBacktest(points[i], window);
      expect(point.metrics).toEqual(expected);
      expect(point.score).toBe(Number((expected as { returnPct: string }).returnPct));
    }
    // Different params did run differently.
    expect(new Set(scored.map((p) => p.metrics?.finalEquity)).size).toBe(points.length);
  });

  it('without filters in the request, runs on the context filters as a plain backtest does', async () => {
    const request: Record<string, unknown> = { ...REQUEST };
    delete request.filters;
    const window = { from: 0, to: 1_500 };
    const points = [{ emaFast: 4, emaSlow: 9 }];
    const [point] = await evaluateChunk(
      { ...context, request, symbolFilters: DEFAULT_BACKTEST_FILTERS },
      { window, points, objective: { objective: 'returnPct', constraints: {} } },
      strategies,
      riskRules,
    );
    const body = { ...mergePoint(request, points[0]), candles: ROWS.slice(0, 1_500) };
    const outcome = await job.run({
      kind: 'body',
      body: new TextEncoder().encode(JSON.stringify(body)),
    });
    if (outcome.kind !== 'report') throw new Error(JSON.stringify(outcome));
    const report = JSON.parse(Buffer.concat(outcome.json).toString('utf8')) as { metrics: unknown };
    expect(point.metrics).toEqual(report.metrics);
  });

  it('rejects a point whose merged request is invalid, with the reason, and runs the rest', async () => {
    const scored = await evaluateChunk(
      context,
      {
        window: { from: 0, to: 3_000 },
        points: [{ emaFast: 30, emaSlow: 20 }, { emaFast: 5 }],
        objective: { objective: 'sharpe', constraints: { minTrades: 1_000_000 } },
      },
      strategies,
      riskRules,
    );
    expect(scored[0]).toEqual({
      params: { emaFast: 30, emaSlow: 20 },
      metrics: null,
      score: null,
      rejected: expect.stringMatching(/^strategyParams\.emaFast must be less than emaSlow/),
    });
    expect(scored[1]).toMatchObject({
      score: null,
      rejected: expect.stringContaining('fewer than minTrades (1000000)'),
    });
    expect(scored[1].metrics).not.toBeNull();
  });

  it('rejects a point whose window is shorter than its warm-up', async () => {
    const [point] = await evaluateChunk(
      context,
      {
        window: { from: 0, to: 40 },
        points: [{ emaSlow: 60 }],
        objective: { objective: 'sharpe', constraints: {} },
      },
      strategies,
      riskRules,
    );
    expect(point.rejected).toBe(
      'candles too few: ema-rsi with these params needs at least 61 candles, got 40',
    );
  });
});

describe('mergePoint', () => {
  it('sets strategy params and risk params, leaving the request as it was', () => {
    const request = { strategy: 'x', risk: { positionSizeQuote: '1' }, paper: {} };
    expect(mergePoint(request, { fast: 3, 'risk.stopLossPct': '2' })).toEqual({
      strategy: 'x',
      strategyParams: { fast: 3 },
      risk: { positionSizeQuote: '1', stopLossPct: '2' },
      paper: {},
    });
    expect(request).toEqual({ strategy: 'x', risk: { positionSizeQuote: '1' }, paper: {} });
    expect(mergePoint({ risk: 'bad' }, { 'risk.stopLossPct': '2' }).risk).toBe('bad');
  });
});
