import { join } from 'node:path';
import type { AppConfig } from '../../config/app-config';
import { BacktestPool } from './backtest-pool.service';

// Jest runs from the project root (ESM tests have no __dirname).
const FIXTURES = join(process.cwd(), 'test', 'fixtures');
const START = Date.UTC(2026, 0, 1);

/** A seeded walk of one-minute rows, enough for ema-rsi 3/8/5 to signal. */
function rows(n: number): unknown[][] {
  let price = 30_000;
  return Array.from({ length: n }, (_, i) => {
    const open = price;
    price = Math.round(price * (1 + 0.01 * Math.sin(i / 7)) * 100) / 100;
    const time = START + i * 60_000;
    return [time, open, Math.max(open, price), Math.min(open, price), price, 1, time + 59_999];
  });
}

describe('backtest worker thread', () => {
  let pool: BacktestPool;

  afterEach(() => pool.onModuleDestroy());

  it("builds its strategies and risk rules from the pool's sources", async () => {
    pool = new BacktestPool(
      { backtestConcurrency: 1, backtestQueue: 0, backtestsPerUser: 1 } as AppConfig,
      { classModules: [join(FIXTURES, 'ema-rsi-copy.strategy.ts')], files: [], timeBudgetMs: 1000 },
      join(FIXTURES, 'no-entry-risk-rules.ts'),
    );
    const body = {
      strategy: 'ema-rsi-copy',
      strategyParams: { emaFast: 3, emaSlow: 8, rsiPeriod: 5 },
      risk: { positionSizeQuote: '500' },
      candles: rows(300),
    };
    const place = pool.reserve('ann');
    const outcome = await place.run((run) =>
      run({ kind: 'body', body: new TextEncoder().encode(JSON.stringify(body)) }),
    );
    place.leave();
    if (outcome.kind !== 'report') throw new Error(`a ${outcome.kind} outcome`);
    const report = JSON.parse(Buffer.concat(outcome.json).toString());
    expect(report.trades).toEqual([]);
    expect(report.metrics.skippedEntries).toBeGreaterThan(0);
  });
});
