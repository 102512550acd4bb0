import { gzipSync } from 'node:zlib';
import { randomWalk } from '../testing/random-walk';
import { RiskRules } from '../../risk/risk-rules';
import { EmaRsiStrategy } from '../../strategies/ema-rsi/ema-rsi.strategy';
import { StrategyRegistryService } from '../../strategies/strategy-registry.service';
import { BacktestJob } from '../backtest-job';
import { ChunkRunner } from './chunk-task';
import type { ChunkInput, ChunkTask } from './search-task';

const walk = randomWalk(1_500, 9);
const ROWS = Array.from(walk.close, (close, i) => [
  walk.openTime[i],
  String(walk.open[i]),
  String(walk.high[i]),
  String(walk.low[i]),
  String(close),
  String(walk.volume[i]),
  walk.closeTime[i],
]);
const BACKTEST = {
  strategy: 'ema-rsi',
  strategyParams: { rsiPeriod: 10 },
  risk: { positionSizeQuote: '250', stopLossPct: '1.5' },
  filters: { stepSize: '0.00001', minQty: '0.00001', minNotional: '5' },
};

function input(rows: unknown[]): ChunkInput {
  return { backtest: BACKTEST, symbolFilters: {}, rows: gzipSync(JSON.stringify(rows)) };
}

function chunk(runId: string, rows: unknown[], extra: Partial<ChunkTask> = {}): ChunkTask {
  return {
    kind: 'chunk',
    runId,
    input: input(rows),
    window: { from: 500, to: 1_500 },
    points: [{ emaFast: 5, emaSlow: 20 }],
    objective: { objective: 'returnPct', constraints: {} },
    ...extra,
  };
}

describe('ChunkRunner', () => {
  const strategies = new StrategyRegistryService([new EmaRsiStrategy()]);
  const runner = new ChunkRunner(strategies, new RiskRules());

  it("parses a run's candles once per thread: later chunks of the run reuse them", async () => {
    const first = await runner.run(chunk('run-a', ROWS));
    // Rows that would fail to parse: the run's cached candles are used, not these.
    const again = await runner.run(chunk('run-a', [['not a candle']]));
    expect(again).toEqual(first);
    await expect(runner.run(chunk('run-b', [['not a candle']]))).rejects.toThrow(
      'optimization run-b: stored candles are invalid',
    );
  });

  it('gives a test point the equity curve of a plain backtest of its window', async () => {
    const outcome = await runner.run(chunk('run-c', ROWS, { withEquity: true }));
    if (outcome.kind !== 'points') throw new Error(outcome.kind);
    const [point] = outcome.points;
    const job = new BacktestJob(strategies, new RiskRules());
    const body = {
      ...BACKTEST,
      strategyParams: { ...BACKTEST.strategyParams, emaFast: 5, emaSlow: 20 },
      candles: ROWS.slice(500, 1_500),
    };
    const report = await job.run({
      kind: 'body',
      body: new TextEncoder().encode(JSON.stringify(body)),
    });
    if (report.kind !== 'report') throw new Error(report.kind);
    const { metrics, equity } = JSON.parse(Buffer.concat(report.json).toString('utf8')) as {
      metrics: unknown;
      equity: unknown[];
    };
    expect(point.metrics).toEqual(metrics);
    expect(point.equity).toEqual(equity);
    expect(point.equity).toHaveLength(1_000);
  });
});
