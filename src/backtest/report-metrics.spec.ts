import { jest } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { money } from '../risk/money';
import type { RiskParams } from '../risk/risk-params';
import { RiskRules } from '../risk/risk-rules';
import { riskParams } from '../risk/testing/risk-params';
import { EmaRsiStrategy } from '../strategies/ema-rsi/ema-rsi.strategy';
import {
  backtestMetrics,
  type BacktestMetrics,
  reportBacktest,
  summarizeBacktest,
} from './backtest-report';
import { seriesFromColumns, type CandleSeries } from './candle-series';
import {
  cagr,
  EquityStream,
  statistic,
  type TradeTotals,
  tradeStatistics,
  YEAR_MS,
} from './report-metrics';
import { runBacktest } from './run-backtest';
import { EVERY_RULE } from './testing/every-rule';
import { goldenSeries } from './testing/golden-backtest';
import { randomWalk } from './testing/random-walk';

const HOUR = 3_600_000;

describe('EquityStream', () => {
  it('annualises the mean return over its sample deviation, and the downside one', () => {
    // Returns +10 %, -10 %, +10 % on hourly candles: mean 1/30, sample sd 0.11547.
    const stream = new EquityStream(100, 0);
    [110, 99, 108.9].forEach((value, i) => stream.add((i + 1) * HOUR, value));
    const stats = stream.result(YEAR_MS / HOUR);
    const mean = 0.1 / 3;
    const sd = Math.sqrt(((0.1 - mean) ** 2 * 2 + (-0.1 - mean) ** 2) / 2);
    expect(stats.sharpe).toBeCloseTo((mean / sd) * Math.sqrt(8760), 9);
    // Downside deviation sqrt(0.01 / 2): only the losing candle, over n - 1.
    expect(stats.sortino).toBeCloseTo((mean / Math.sqrt(0.01 / 2)) * Math.sqrt(8760), 9);
    // Under the 110 peak from 1 h until 108.9 at 3 h, never back: 2 h.
    expect(stats.maxDrawdownDurationMs).toBe(2 * HOUR);
  });

  it('measures the longest stretch below a peak up to the close back at it', () => {
    const stream = new EquityStream(100, 0);
    [99, 98, 100, 101, 100.5, 101].forEach((value, i) => stream.add((i + 1) * HOUR, value));
    // From the start (the initial 100) to 3 h, when 100 is met again; 101 → 101 is 2 h.
    expect(stream.result(8760).maxDrawdownDurationMs).toBe(3 * HOUR);
  });

  it('has no sharpe or sortino without variance or a losing candle', () => {
    const flat = new EquityStream(100, 0);
    [100, 100, 100].forEach((value, i) => flat.add(i, value));
    expect(flat.result(8760)).toEqual({ sharpe: null, sortino: null, maxDrawdownDurationMs: 0 });
    const rising = new EquityStream(100, 0);
    [101, 103].forEach((value, i) => rising.add(i, value));
    expect(rising.result(8760).sortino).toBeNull();
    expect(rising.result(8760).sharpe).not.toBeNull();
  });
});

describe('cagr and statistic', () => {
  it('compounds the growth over the span to a 365-day year', () => {
    expect(cagr(100, 121, 2 * YEAR_MS)).toBeCloseTo(0.1, 12);
    expect(cagr(100, 110, YEAR_MS / 2)).toBeCloseTo(0.21, 12);
    expect(cagr(0, 110, YEAR_MS)).toBeNull();
    // A minute's 10 % compounds past a double.
    expect(cagr(100, 110, 60_000)).toBeNull();
  });

  it('prints a double rounded half-even to 8 places, null when not finite', () => {
    expect(statistic(1 / 3)).toBe('0.33333333');
    expect(statistic(-2e-9)).toBe('0');
    expect(statistic(0.123456785)).toBe('0.12345678');
    expect(statistic(Number.POSITIVE_INFINITY)).toBeNull();
    expect(statistic(null)).toBeNull();
  });
});

describe('tradeStatistics', () => {
  const totals = (overrides: Partial<TradeTotals>): TradeTotals => ({
    roundTrips: 0,
    wins: 0,
    losses: 0,
    gains: money(0),
    lost: money(0),
    realized: money(0),
    durationMs: 0,
    ...overrides,
  });

  it('divides the exact totals: a zero-pnl round trip counts in the means only', () => {
    // Round trips +3, -1, 0, +1.5 held 10, 20, 31 and 0 ms.
    const stats = tradeStatistics(
      totals({
        roundTrips: 4,
        wins: 2,
        losses: 1,
        gains: money('4.5'),
        lost: money('-1'),
        realized: money('3.5'),
        durationMs: 61,
      }),
    );
    expect(stats).toEqual({
      profitFactor: '4.5',
      expectancy: '0.875',
      avgWin: '2.25',
      avgLoss: '-1',
      avgTradeDurationMs: 15,
    });
  });

  it('rounds quotients half-even to 8 places and is null where undefined', () => {
    const third = totals({ roundTrips: 3, wins: 2, losses: 1, gains: money(2), lost: money(-3) });
    expect(tradeStatistics(third).profitFactor).toBe('0.66666667');
    const won = totals({ roundTrips: 1, wins: 1, gains: money(2), realized: money(2) });
    expect(tradeStatistics(won)).toMatchObject({ profitFactor: null, avgLoss: null });
    expect(tradeStatistics(totals({}))).toEqual({
      profitFactor: null,
      expectancy: null,
      avgWin: null,
      avgLoss: null,
      avgTradeDurationMs: null,
    });
  });
});

/** A backtest of the golden series' first `candles` hours, pinned with the reference's metrics. */
interface ReferenceCase {
  candles: number;
  risk: Partial<RiskParams>;
  initialBalanceQuote: string;
  report: { trades: unknown[]; equity: string[] };
  expected: Partial<BacktestMetrics>;
}

// `expected` comes from test/reference/report_metrics.py, which recomputes every metric from
// the pinned trades and equity alone; UPDATE_GOLDEN=1 re-pins `report` (then rerun the script).
const CASES_PATH = join(process.cwd(), 'src/backtest/testing/report-metrics-cases.json');
const SETUPS: Record<string, Pick<ReferenceCase, 'candles' | 'risk'>> = {
  'ema-rsi with stop losses and take profits': {
    candles: 2000,
    risk: { positionSizeQuote: '2000', stopLossPct: '1.5', takeProfitPct: '3' },
  },
  'ema-rsi holding a position at the end': { candles: 1500, risk: { positionSizeQuote: '5000' } },
};
const STATISTICS = ['cagrPct', 'sharpe', 'sortino', 'calmar'] as const;

function referenceRun(setup: Pick<ReferenceCase, 'candles' | 'risk'>) {
  const all = goldenSeries().series;
  const series = seriesFromColumns({
    openTime: all.openTime.slice(0, setup.candles),
    open: all.open.slice(0, setup.candles),
    high: all.high.slice(0, setup.candles),
    low: all.low.slice(0, setup.candles),
    close: all.close.slice(0, setup.candles),
    volume: all.volume.slice(0, setup.candles),
    closeTime: all.closeTime.slice(0, setup.candles),
  });
  const strategy = new EmaRsiStrategy();
  const run = runBacktest(
    {
      strategy,
      strategyParams: strategy.defaults,
      risk: riskParams(setup.risk),
      fill: { feeRate: '0.001', slippageBps: '5' },
      initialBalanceQuote: '10000',
      filters: { stepSize: '0.00001', minQty: '0.00001', minNotional: '5' },
      candles: series,
    },
    new RiskRules(),
  );
  return { run, series, report: reportBacktest(run, series, '10000') };
}

function pinnedCases(): Record<string, ReferenceCase> {
  const pinned = existsSync(CASES_PATH)
    ? (JSON.parse(readFileSync(CASES_PATH, 'utf8')) as Record<string, ReferenceCase>)
    : {};
  if (process.env.UPDATE_GOLDEN !== '1') return pinned;
  const cases: Record<string, ReferenceCase> = {};
  for (const [name, setup] of Object.entries(SETUPS)) {
    const { report } = referenceRun(setup);
    cases[name] = {
      ...setup,
      initialBalanceQuote: '10000',
      report: { trades: report.trades, equity: report.equity.map((point) => point.value) },
      expected: pinned[name]?.expected ?? {},
    };
  }
  writeFileSync(CASES_PATH, `${JSON.stringify(cases, null, 1)}\n`);
  return cases;
}

describe('report metrics against the independent reference (report_metrics.py)', () => {
  const cases = pinnedCases();

  it.each(Object.entries(SETUPS))('%s', (name, setup) => {
    const pinned = cases[name];
    const { report } = referenceRun(setup);
    // The reference worked on exactly these trades and this curve.
    expect(report.trades).toEqual(pinned.report.trades);
    expect(report.equity.map((point) => point.value)).toEqual(pinned.report.equity);
    const { metrics } = report;
    for (const key of STATISTICS) {
      // Doubles summed in another order: equal to far below the printed 8 places' noise.
      expect(Number(metrics[key])).toBeCloseTo(Number(pinned.expected[key]), 6);
      expect(metrics[key] === null).toBe(pinned.expected[key] === null);
    }
    const exact = Object.fromEntries(
      Object.entries(metrics).filter(
        ([key]) => key in pinned.expected && !STATISTICS.includes(key as never),
      ),
    );
    const expected = Object.fromEntries(
      Object.entries(pinned.expected).filter(([key]) => !STATISTICS.includes(key as never)),
    );
    expect(exact).toEqual(expected);
  });

  it('covers a stop loss, a take profit and a position held at the end', () => {
    const reasons = (name: string) =>
      (cases[name].report.trades as { reason: string }[]).map((trade) => trade.reason);
    expect(reasons('ema-rsi with stop losses and take profits')).toEqual(
      expect.arrayContaining(['stop_loss', 'take_profit']),
    );
    expect(reasons('ema-rsi holding a position at the end').at(-1)).toBe('signal');
    const held = cases['ema-rsi holding a position at the end'].report.trades as { side: string }[];
    expect(held.at(-1)?.side).toBe('BUY');
    expect(cases['ema-rsi with stop losses and take profits'].expected.sharpe).not.toBeNull();
  });
});

describe('summarizeBacktest without a point', () => {
  it('makes no equity text and returns the same trades and metrics', () => {
    const series: CandleSeries = seriesFromColumns(randomWalk(30_000, 9));
    const strategy = new EmaRsiStrategy();
    const run = runBacktest(
      {
        ...EVERY_RULE,
        strategy,
        strategyParams: { ...strategy.defaults, emaFast: 3, emaSlow: 8, rsiPeriod: 5 },
        initialBalanceQuote: '10000',
        candles: series,
      },
      new RiskRules(),
    );
    expect(run.fills.length).toBeGreaterThan(50);
    const format = jest.spyOn(run.arithmetic, 'format');
    const cheap = summarizeBacktest(run, series, '10000');
    // Per fill and per metric, never per candle.
    expect(format.mock.calls.length).toBeLessThan(10 * run.fills.length + 50);
    format.mockRestore();
    const full = reportBacktest(run, series, '10000');
    expect(cheap).toEqual({ trades: full.trades, metrics: full.metrics });
    expect(backtestMetrics(run, series, '10000')).toEqual(full.metrics);
    expect(full.metrics.sharpe).not.toBeNull();
  });
});
