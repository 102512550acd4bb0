import { riskParamsFrom } from '../bots/dto/trading-config.params';
import { StrategyRegistryService } from '../strategies/strategy-registry.service';
import { EmaRsiStrategy } from '../strategies/ema-rsi/ema-rsi.strategy';
import { DEFAULT_BACKTEST_FILTERS } from './backtest-filters';
import { BacktestJob } from './backtest-job';
import { reportBacktest } from './backtest-report';
import { seriesFromColumns } from './candle-series';
import type { BacktestOutcome } from './pool/backtest-task';
import { randomWalk } from './testing/random-walk';
import { runBacktest } from './run-backtest';
import { RiskRules } from '../risk/risk-rules';

const RISK = { positionSizeQuote: '250', stopLossPct: '1' };
const START = Date.UTC(2026, 0, 1);

/** The walk as the rows a client sends. */
function rowsOf(walk: ReturnType<typeof randomWalk>): unknown[][] {
  return Array.from(walk.close, (close, i) => [
    walk.openTime[i],
    String(walk.open[i]),
    String(walk.high[i]),
    String(walk.low[i]),
    String(close),
    '1',
    walk.closeTime[i],
  ]);
}

describe('BacktestJob', () => {
  const strategy = new EmaRsiStrategy();
  const job = new BacktestJob(new StrategyRegistryService([strategy]), new RiskRules());
  const bytes = (text: string) => new TextEncoder().encode(text);
  const fromBody = (body: unknown) => job.run({ kind: 'body', body: bytes(JSON.stringify(body)) });
  const invalid = (outcome: BacktestOutcome) =>
    outcome.kind === 'invalid' ? outcome.errors : outcome.kind;

  it('reports given candles as the JSON of reportBacktest, byte for byte', async () => {
    const walk = randomWalk(5_000, 11);
    const rows = rowsOf(walk);
    const outcome = await fromBody({ strategy: 'ema-rsi', risk: RISK, candles: rows });
    if (outcome.kind !== 'report') throw new Error(JSON.stringify(outcome));
    const series = seriesFromColumns(walk);
    const expected = reportBacktest(
      runBacktest(
        {
          strategy,
          strategyParams: strategy.defaults,
          risk: riskParamsFrom(RISK),
          fill: { feeRate: '0.001', slippageBps: '5' },
          initialBalanceQuote: '10000',
          filters: DEFAULT_BACKTEST_FILTERS,
          candles: series,
        },
        new RiskRules(),
      ),
      series,
      '10000',
    );
    // Without filters or a symbol: the defaults, and the report says so.
    const filters = { ...DEFAULT_BACKTEST_FILTERS, source: 'default' };
    expect(Buffer.concat(outcome.json).toString('utf8')).toBe(
      JSON.stringify({ filters, ...expected }),
    );
    expect(outcome.stats).toMatchObject({ strategy: 'ema-rsi', candles: 5_000 });
  });

  it('trades by the RiskRules it is given: rules that block every entry make no fill', async () => {
    class NoEntries extends RiskRules {
      override dailyLimitHit() {
        return { limit: 'max_daily_trades' as const, reason: 'no entries in this test' };
      }
    }
    const walk = randomWalk(5_000, 11);
    const rows = rowsOf(walk);
    const body = bytes(JSON.stringify({ strategy: 'ema-rsi', risk: RISK, candles: rows }));
    const blocked = new BacktestJob(new StrategyRegistryService([strategy]), new NoEntries());
    const fills = async (run: BacktestJob) => {
      const outcome = await run.run({ kind: 'body', body: body.slice() });
      if (outcome.kind !== 'report') throw new Error(JSON.stringify(outcome));
      return outcome.stats.fills;
    };
    expect(await fills(job)).toBeGreaterThan(0);
    expect(await fills(blocked)).toBe(0);
  });

  it('hands a valid ranged request back for its candles, and refuses a bad one first', async () => {
    const ranged = {
      strategy: 'ema-rsi',
      risk: RISK,
      symbol: 'BTCUSDT',
      interval: '1h',
      startTime: START,
      endTime: START + 99 * 3_600_000,
    };
    expect(await fromBody(ranged)).toEqual({
      kind: 'fetch',
      request: ranged,
      range: { symbol: 'BTCUSDT', interval: '1h', startTime: START, endTime: ranged.endTime },
    });
    expect(invalid(await fromBody({ ...ranged, strategy: 'nope' }))).toEqual([
      { field: 'strategy', reason: expect.stringContaining('is not a known strategy') },
    ]);
  });

  it('names the body when it is no JSON object, or nested too deep', async () => {
    const run = (text: string) => job.run({ kind: 'body', body: bytes(text) });
    expect(invalid(await run('{"strategy":'))).toEqual([
      { field: 'body', reason: 'is not valid JSON' },
    ]);
    expect(invalid(await run('[]'))).toEqual([{ field: 'body', reason: 'must be a JSON object' }]);
    expect(invalid(await run(`{"candles":${'['.repeat(40)}${']'.repeat(40)}}`))).toEqual([
      { field: 'body', reason: 'is nested deeper than 32 levels' },
    ]);
    // Empty, as body-parser has it: an empty object, which validation then refuses.
    expect(invalid(await run(''))).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'strategy' })]),
    );
  });

  it('runs the exchange’s rows, and fails loudly on a bad one: the exchange’s fault, not a 400', async () => {
    const rows = JSON.stringify(
      Array.from({ length: 100 }, (_, i) => {
        const time = START + i * 60_000;
        return [time, '100', '101', '99', String(100 + (i % 7) / 10), '1', time + 59_999];
      }),
    );
    const outcome = await job.run({
      kind: 'fetched',
      request: { strategy: 'ema-rsi', risk: RISK },
      candles: bytes(rows),
      symbolFilters: { stepSize: '0.001', minNotional: '5' },
    });
    expect(outcome.kind).toBe('report');
    await expect(
      job.run({
        kind: 'fetched',
        request: { strategy: 'ema-rsi', risk: RISK },
        candles: bytes('[[1, "2", "1", "3", "2", "1", 2]]'),
        symbolFilters: {},
      }),
    ).rejects.toThrow('the exchange sent an invalid candle: candles[0]');
  });

  it('runs a seeded simulated series, labelled, the same for the same seed', async () => {
    const request = {
      strategy: 'ema-rsi',
      strategyParams: { emaFast: 3, emaSlow: 8, rsiPeriod: 5 },
      risk: RISK,
      source: 'simulated',
      symbol: 'ETHUSDT',
      interval: '1h',
      startTime: START,
      endTime: START + 999 * 3_600_000,
      seed: 7,
    };
    expect(await fromBody(request)).toEqual({ kind: 'simulate', request, symbol: 'ETHUSDT' });
    const report = async (lastPrice?: number, seed = 7) => {
      const outcome = await job.run({
        kind: 'simulated',
        request: { ...request, seed },
        lastPrice,
      });
      if (outcome.kind !== 'report') throw new Error(JSON.stringify(outcome));
      return JSON.parse(Buffer.concat(outcome.json).toString('utf8'));
    };
    const first = await report();
    expect(first.simulated).toEqual({
      seed: 7,
      startPrice: '3000',
      symbol: 'ETHUSDT',
      interval: '1h',
      note: 'simulated data: a seeded random walk, not market prices',
    });
    expect(first.equity).toHaveLength(1000);
    expect(first.trades.length).toBeGreaterThan(0);
    expect(await report()).toEqual(first);
    expect((await report(undefined, 8)).equity).not.toEqual(first.equity);
    // From the last real price the server saw, when the request gives none.
    expect((await report(3456.78)).simulated.startPrice).toBe('3456.78');
  });

  it('names the field of a bad simulated request', async () => {
    const base = { strategy: 'ema-rsi', risk: RISK, symbol: 'ETHUSDT', interval: '1h' };
    const range = { startTime: START, endTime: START + 99 * 3_600_000 };
    const fields = async (body: object) =>
      (invalid(await fromBody(body)) as { field: string }[]).map((error) => error.field);
    expect(await fields({ ...base, ...range, source: 'nope' })).toEqual(['source']);
    expect(await fields({ ...base, ...range, source: 'simulated', seed: -1 })).toEqual(['seed']);
    expect(await fields({ ...base, ...range, source: 'simulated', seed: 1.5 })).toEqual(['seed']);
    expect(await fields({ ...base, ...range, source: 'simulated', startPrice: '0' })).toEqual([
      'startPrice',
    ]);
    expect(await fields({ ...base, ...range, seed: 3 })).toEqual(['seed']);
    expect(await fields({ ...base, source: 'simulated' })).toEqual(['startTime', 'endTime']);
    expect(
      await fields({ strategy: 'ema-rsi', risk: RISK, source: 'simulated', candles: [] }),
    ).toEqual(['candles']);
  });
});
