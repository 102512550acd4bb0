import type { RiskParams } from '../risk/risk-params';
import { RiskRules } from '../risk/risk-rules';
import { riskParams } from '../risk/testing/risk-params';
import { reportBacktest } from './backtest-report';
import { parseCandleRows } from './candle-series';
import { runBacktest } from './run-backtest';
import { scriptedStrategy } from './testing/scripted-strategy';

const MIN = 60_000;
const HOUR = 3_600_000;

/** The stock rules by another name: runBacktest gives them the decimal arithmetic. */
class ReferenceRules extends RiskRules {}

/** Candles of `length` ms from `start`, each `[open, high, low, close]` (flat at 100 unless given). */
function candles(count: number, given: Record<number, string[]>, start = 0, length = MIN) {
  return Array.from({ length: count }, (_, i) => {
    const [open, high, low, close] = given[i] ?? ['100', '100', '100', '100'];
    const openTime = start + i * length;
    return [openTime, open, high, low, close, '1', openTime + length - 1];
  });
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

function backtest(
  rows: unknown[][],
  script: { buy?: number[]; sell?: number[] },
  risk: Partial<RiskParams>,
  rules: RiskRules,
) {
  const parsed = parseCandleRows(rows);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const run = runBacktest(
    {
      strategy: scriptedStrategy(script),
      strategyParams: {},
      risk: riskParams({ positionSizeQuote: '1000', ...risk }),
      fill: { feeRate: '0', slippageBps: '0' },
      initialBalanceQuote: '1000',
      filters: {},
      candles: parsed.series,
    },
    rules,
  );
  const report = reportBacktest(run, parsed.series, '1000');
  return {
    fills: run.fills.map((fill) => `${fill.side} ${fill.candle} ${fill.reason}`),
    metrics: report.metrics,
  };
}

/** A stop loss (5 %) hits on every candle listed: its low is 90. */
const stopsOn = (count: number, stops: number[]) =>
  candles(count, Object.fromEntries(stops.map((i) => [i, ['100', '100', '90', '100']])));

describe.each([
  ['scaled (stock rules)', new RiskRules()],
  ['decimal (injected rules)', new ReferenceRules()],
])('runBacktest protections, %s', (_name, rules) => {
  it('buys on the stop-loss candle without a cooldown', () => {
    const { fills } = backtest(stopsOn(6, [1]), { buy: range(0, 5) }, { stopLossPct: '5' }, rules);
    expect(fills).toEqual(['BUY 0 signal', 'SELL 1 stop_loss', 'BUY 1 signal']);
  });

  it('makes no entry within cooldownCandles of a stop-loss exit', () => {
    const { fills, metrics } = backtest(
      stopsOn(8, [1]),
      { buy: range(0, 7) },
      { stopLossPct: '5', cooldownCandles: 2 },
      rules,
    );
    // The stop-loss candle 1 and the 2 after it are blocked.
    expect(fills).toEqual(['BUY 0 signal', 'SELL 1 stop_loss', 'BUY 4 signal']);
    expect(metrics).toMatchObject({ skippedEntries: 3, skippedByProtections: 3 });
  });

  it('is not started by other exits', () => {
    const rows = candles(6, { 1: ['100', '120', '100', '100'] });
    const { fills } = backtest(
      rows,
      { buy: range(0, 5) },
      { takeProfitPct: '10', cooldownCandles: 3 },
      rules,
    );
    expect(fills).toEqual(['BUY 0 signal', 'SELL 1 take_profit', 'BUY 1 signal']);
  });

  it('makes no entry during a stopLossGuard pause', () => {
    const { fills, metrics } = backtest(
      stopsOn(20, [1, 3]),
      { buy: range(0, 19) },
      { stopLossPct: '5', stopLossGuard: { count: 2, windowCandles: 5, pauseCandles: 10 } },
      rules,
    );
    // The second stop loss within 5 candles (candle 3) blocks candles 3..13.
    expect(fills).toEqual([
      'BUY 0 signal',
      'SELL 1 stop_loss',
      'BUY 1 signal',
      'SELL 3 stop_loss',
      'BUY 14 signal',
    ]);
    expect(metrics.skippedByProtections).toBe(11);
  });

  it('does not pause for stop losses farther apart than the window', () => {
    const { fills } = backtest(
      stopsOn(10, [1, 6]),
      { buy: range(0, 9) },
      { stopLossPct: '5', stopLossGuard: { count: 2, windowCandles: 5, pauseCandles: 10 } },
      rules,
    );
    expect(fills).toEqual([
      'BUY 0 signal',
      'SELL 1 stop_loss',
      'BUY 1 signal',
      'SELL 6 stop_loss',
      'BUY 6 signal',
    ]);
  });

  it('makes no entry during a drawdown pause, and enters again after resumeAfterCandles', () => {
    // All in at 100; candle 1 closes at 89: equity 890, 11 % below the peak of 1000.
    const rows = candles(8, { 1: ['100', '100', '89', '89'], 2: ['89', '89', '89', '89'] });
    const { fills, metrics } = backtest(
      rows,
      { buy: [0, 3, 4, 5], sell: [2] },
      { maxDrawdownPct: '10', resumeAfterCandles: 3 },
      rules,
    );
    // Candle 1 and the 3 after it are paused.
    expect(fills).toEqual(['BUY 0 signal', 'SELL 2 signal', 'BUY 5 signal']);
    expect(metrics.skippedByProtections).toBe(2);
  });

  it('checks the drawdown a stop loss made before a buy on the same candle', () => {
    // All in at 100; candle 1's 20 % stop loss leaves 800: a 20 % drawdown.
    const rows = candles(6, { 1: ['100', '100', '75', '100'] });
    const { fills } = backtest(
      rows,
      { buy: range(0, 5) },
      { stopLossPct: '20', maxDrawdownPct: '10', resumeAfterCandles: 2 },
      rules,
    );
    expect(fills).toEqual(['BUY 0 signal', 'SELL 1 stop_loss', 'BUY 4 signal']);
  });

  it('pauses at exactly maxDrawdownPct, not just short of it', () => {
    const at = (close: string) =>
      backtest(
        candles(4, { 1: ['100', '100', close, close] }),
        { buy: [0, 2], sell: [1] },
        { maxDrawdownPct: '10', resumeAfterCandles: 5 },
        rules,
      ).fills;
    expect(at('90')).toEqual(['BUY 0 signal', 'SELL 1 signal']);
    expect(at('90.0000000001')).toEqual(['BUY 0 signal', 'SELL 1 signal', 'BUY 2 signal']);
  });

  it('holds a drawdown pause until 00:00 UTC without resumeAfterCandles', () => {
    // Hourly candles from 20:00: candle 1 closes at 22:00 at 80, candle 3 at 00:00.
    const start = Date.UTC(2026, 0, 1, 20);
    const rows = candles(
      5,
      { 1: ['100', '100', '80', '80'], 2: ['80', '80', '80', '80'] },
      start,
      HOUR,
    );
    const { fills } = backtest(
      rows,
      { buy: [0, 2, 3], sell: [1] },
      { maxDrawdownPct: '10' },
      rules,
    );
    expect(fills).toEqual(['BUY 0 signal', 'SELL 1 signal', 'BUY 3 signal']);
  });
});
