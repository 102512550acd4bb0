import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FillParams, RiskParams } from '../risk/risk-params';
import { riskParams } from '../risk/testing/risk-params';
import type { SymbolFilters } from '../risk/symbol-filters';
import { EmaRsiStrategy } from '../strategies/ema-rsi/ema-rsi.strategy';
import { type BacktestReport, reportBacktest } from './backtest-report';
import { parseCandleRows, seriesFromColumns } from './candle-series';
import { runBacktest } from './run-backtest';
import { EVERY_RULE } from './testing/every-rule';
import { randomWalk } from './testing/random-walk';
import { scriptedStrategy } from './testing/scripted-strategy';
import { RiskRules } from '../risk/risk-rules';

interface GoldenCase {
  candles: unknown[][];
  buyOn: number[];
  sellOn: number[];
  risk: RiskParams;
  fill: FillParams;
  initialBalanceQuote: string;
  filters: SymbolFilters;
  expected: {
    trades: BacktestReport['trades'];
    metrics: Omit<BacktestReport['metrics'], 'skippedEntries'> & { skippedEntries: number };
    equity: string[];
  };
}

// Expected numbers come from test/reference/backtest_reference.py, an independent Decimal
// implementation of the rules page (no code shared with the engine).
const GOLDEN = JSON.parse(
  readFileSync(join(process.cwd(), 'src/backtest/testing/golden-cases.json'), 'utf8'),
) as Record<string, GoldenCase>;

/** The stock rules by another name: runBacktest gives them the decimal arithmetic. */
class ReferenceRules extends RiskRules {}

function backtestOf(c: GoldenCase, rules: RiskRules = new RiskRules()): BacktestReport {
  const parsed = parseCandleRows(c.candles);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const run = runBacktest(
    {
      strategy: scriptedStrategy({ buy: c.buyOn, sell: c.sellOn }),
      strategyParams: {},
      risk: c.risk,
      fill: c.fill,
      initialBalanceQuote: c.initialBalanceQuote,
      filters: c.filters,
      candles: parsed.series,
    },
    rules,
  );
  return reportBacktest(run, parsed.series, c.initialBalanceQuote);
}

describe('runBacktest golden cases (trading-rules.md, to the last digit)', () => {
  it.each(Object.entries(GOLDEN))('%s', (_name, golden) => {
    // Scaled integers (the stock rules) and decimals (any rules) alike.
    for (const rules of [new RiskRules(), new ReferenceRules()]) {
      const report = backtestOf(golden, rules);
      expect(report.trades).toEqual(golden.expected.trades);
      expect(report.metrics).toEqual({ ...golden.expected.metrics, skippedByProtections: 0 });
      expect(report.equity.map((point) => point.value)).toEqual(golden.expected.equity);
      expect(report.equity.map((point) => point.time)).toEqual(golden.candles.map((row) => row[6]));
    }
  });

  it('checks by hand: a 2 % stop on a 100.1 entry sells at 98.098 less 10 bps', () => {
    const trades = backtestOf(GOLDEN['stop_loss at its level']).trades;
    // 100 * 1.001 = 100.1 entry; 100.1 * 0.98 = 98.098 level; 98.098 * 0.999 = 97.999902.
    expect(trades.map((trade) => trade.price)).toEqual(['100.1', '97.999902']);
    // (0.999 * 97.999902 * 0.999) - (0.999 * 100.1 * 1.001)
    expect(trades[1].pnl).toBe('-2.295899704098');
  });

  it('checks by hand: the trailing level uses the highs before the candle, not its own', () => {
    const trades = backtestOf(GOLDEN['trailing_stop against the high before the candle']).trades;
    // Candle 3 reaches 110 and dips to 101.5, above 104.2 * 0.97 = 101.074: no exit then.
    // Candle 4 dips to 106 <= 110 * 0.97 = 106.7: out at 106.7 * 0.999.
    expect(trades[1]).toMatchObject({ reason: 'trailing_stop', price: '106.5933' });
  });
});

describe('runBacktest exactness', () => {
  const flat = (price: string, n: number) =>
    Array.from({ length: n }, (_, i) => [
      i * 60_000,
      price,
      price,
      price,
      price,
      '1',
      i * 60_000 + 59_999,
    ]);

  /** A buy at 0.3 with a 10 % stop (level 0.27), then a candle whose low is `low`. */
  function stopAt(low: string) {
    const rows = [...flat('0.3', 1), [60_000, '0.28', '0.28', low, '0.28', '1', 119_999]];
    const parsed = parseCandleRows(rows);
    if (!parsed.ok) throw new Error('bad rows');
    const run = runBacktest(
      {
        strategy: scriptedStrategy({ buy: [0] }),
        strategyParams: {},
        risk: riskParams({ positionSizeQuote: '1', stopLossPct: '10' }),
        fill: { feeRate: '0', slippageBps: '0' },
        initialBalanceQuote: '10',
        filters: {},
        candles: parsed.series,
      },
      new RiskRules(),
    );
    return { run, series: parsed.series };
  }

  it('fires a stop whose level equals the low exactly, which doubles alone cannot tell', () => {
    // 0.3 * (1 - 0.1) is 0.27 exactly, but 0.3 * 0.9 is 0.27000000000000002 in doubles.
    const { run } = stopAt('0.27');
    expect(run.fills.map((fill) => fill.reason)).toEqual(['signal', 'stop_loss']);
    expect(run.arithmetic.format(run.fills[1].price)).toBe('0.27');
  });

  it('keeps a level the low misses by less than a double can show', () => {
    const { run, series } = stopAt('0.27000000000000000001');
    expect(series.doublesExact).toBe(false);
    expect(run.fills).toHaveLength(1);
  });
});

describe('runBacktest fingerprint', () => {
  it('pins the sha256 of the trade list of 200,000 ema-rsi candles with every risk rule on', () => {
    const series = seriesFromColumns(randomWalk(200_000, 42));
    const strategy = new EmaRsiStrategy();
    const input = {
      ...EVERY_RULE,
      strategy,
      strategyParams: strategy.defaults,
      initialBalanceQuote: '10000',
      candles: series,
    };
    const report = reportBacktest(runBacktest(input, new RiskRules()), series, '10000');
    const reasons = new Set(report.trades.map((trade) => trade.reason));
    // A fingerprint is only worth pinning if the series exercises every rule.
    expect([...reasons].sort()).toEqual(['signal', 'stop_loss', 'take_profit', 'trailing_stop']);
    expect(report.metrics.skippedEntries).toBeGreaterThan(0);
    const fingerprint = createHash('sha256').update(JSON.stringify(report.trades)).digest('hex');
    expect({ trades: report.trades.length, fingerprint, metrics: report.metrics }).toEqual(PINNED);
  });
});

// Pinned on 2026-11-25; test/reference/backtest_reference.py, fed the same candles and the
// same ema-rsi signals, gives the same trade list (sha256 of the compact JSON) and metrics.
const PINNED = {
  trades: 5524,
  fingerprint: '492f595eebaf4a5003078535170ca609d6505710f2c827d5f8f5e182587c15b2',
  metrics: {
    roundTrips: 2762,
    wins: 611,
    winRatePct: '22.12165098',
    realizedPnl: '-2304.4754899512755747685',
    finalEquity: '7695.5245100487244252315',
    returnPct: '-23.0447549',
    maxDrawdownPct: '23.11362293',
    skippedEntries: 909,
    skippedByProtections: 0,
    cagrPct: '-49.76180154',
    sharpe: '-21.59135181',
    sortino: '-29.23570148',
    calmar: '-2.15292089',
    maxDrawdownDurationMs: 11903160000,
    profitFactor: '0.5423781',
    expectancy: '-0.83435029',
    avgWin: '4.47019256',
    avgLoss: '-2.34112652',
    avgTradeDurationMs: 1140000,
    exposurePct: '26.239',
    feesPaid: '1379.7783932618188432685',
    buyAndHoldReturnPct: '-95.44538641',
  },
};
