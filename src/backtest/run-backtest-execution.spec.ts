import { riskParams } from '../risk/testing/risk-params';
import { RiskRules } from '../risk/risk-rules';
import { reportBacktest } from './backtest-report';
import { type CandleSeries, parseCandleRows, seriesFromColumns } from './candle-series';
import type { BacktestExecution } from './backtest-execution';
import { runBacktest } from './run-backtest';
import { referenceTrades } from './testing/execution-reference';
import { randomWalk } from './testing/random-walk';
import { scriptedStrategy } from './testing/scripted-strategy';

/** The stock rules by another name: runBacktest gives them the decimal arithmetic. */
class ReferenceRules extends RiskRules {}

function backtest(
  candles: CandleSeries,
  script: { buy: number[]; sell: number[] },
  execution: BacktestExecution | undefined,
  stopLossPct: string | null = null,
  rules: RiskRules = new RiskRules(),
) {
  const run = runBacktest(
    {
      strategy: scriptedStrategy(script),
      strategyParams: {},
      risk: riskParams({ positionSizeQuote: '100', stopLossPct }),
      fill: { feeRate: '0.001', slippageBps: '5' },
      initialBalanceQuote: '1000000',
      filters: { stepSize: '0.00001' },
      candles,
      execution,
    },
    rules,
  );
  return { run, report: reportBacktest(run, candles, '1000000') };
}

/** Dense signals: about one candle in four says buy, one in four sell. */
function script(n: number, seed: number) {
  let state = seed;
  const buy: number[] = [];
  const sell: number[] = [];
  for (let t = 0; t < n; t++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const draw = state / 4294967296;
    if (draw < 0.25) buy.push(t);
    else if (draw < 0.5) sell.push(t);
  }
  return { buy, sell };
}

const rows = (prices: [string, string, string, string][]) => {
  const parsed = parseCandleRows(
    prices.map(([open, high, low, close], i) => [
      i * 60_000,
      open,
      high,
      low,
      close,
      '1',
      i * 60_000 + 59_999,
    ]),
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.series;
};

const EXECUTIONS: BacktestExecution[] = [0, 1, 3].flatMap((latencyCandles) => [
  { latencyCandles, fillAt: 'close' as const },
  { latencyCandles, fillAt: 'next-open' as const },
]);

describe('runBacktest execution (trading-rules.md, Execution)', () => {
  it.each(EXECUTIONS)('matches the naive reference: %o', (execution) => {
    for (const seed of [1, 2, 3]) {
      const candles = seriesFromColumns(randomWalk(600, seed));
      const signals = script(candles.length, seed);
      for (const stopLossPct of [null, '0.3']) {
        const expected = referenceTrades(
          candles,
          signals,
          execution,
          stopLossPct === null ? null : Number(stopLossPct),
          5,
        );
        const { run } = backtest(candles, signals, execution, stopLossPct);
        const actual = run.fills.map((fill) => ({
          candle: fill.candle,
          side: fill.side,
          reason: fill.reason,
          price: Number(run.arithmetic.format(fill.price)),
        }));
        expect(actual.length).toBeGreaterThan(20);
        const where = ({ candle, side, reason }: (typeof actual)[number]) => [candle, side, reason];
        expect(actual.map(where)).toEqual(expected.map(where));
        actual.forEach((fill, i) => {
          expect(Math.abs(fill.price / expected[i].price - 1)).toBeLessThan(1e-12);
        });
        if (stopLossPct !== null) {
          expect(actual.some((fill) => fill.reason === 'stop_loss')).toBe(true);
        }
      }
    }
  });

  it.each(EXECUTIONS)('gives the same report on scaled integers and decimals: %o', (execution) => {
    const candles = seriesFromColumns(randomWalk(400, 9));
    const signals = script(candles.length, 9);
    const scaled = backtest(candles, signals, execution, '0.3').report;
    const decimal = backtest(candles, signals, execution, '0.3', new ReferenceRules()).report;
    expect(scaled.trades.length).toBeGreaterThan(20);
    expect(scaled.trades).toEqual(decimal.trades);
    expect(scaled.equity).toEqual(decimal.equity);
    expect(scaled.metrics).toEqual(decimal.metrics);
  });

  it('changes nothing with latency 0 at the close, the defaults', () => {
    const candles = seriesFromColumns(randomWalk(400, 5));
    const signals = script(candles.length, 5);
    const immediate = { latencyCandles: 0, fillAt: 'close' } as const;
    expect(backtest(candles, signals, immediate, '0.3').report).toEqual(
      backtest(candles, signals, undefined, '0.3').report,
    );
  });

  const FOUR = rows([
    ['100', '101', '99', '100'],
    ['102', '103', '101', '102.5'],
    ['103', '104', '102', '103.5'],
    ['104', '105', '103', '104.5'],
  ]);

  it('checks by hand: next-open fills a buy at the next candle’s open, slipped, at its time', () => {
    const { report } = backtest(
      FOUR,
      { buy: [0], sell: [] },
      { latencyCandles: 0, fillAt: 'next-open' },
    );
    // 102 * 1.0005; the fill's time is the closeTime of the candle it filled on.
    expect(report.trades).toMatchObject([{ side: 'BUY', price: '102.051', time: 119_999 }]);
  });

  it('checks by hand: latency 2 at the close fills two candles after the signal', () => {
    const { report } = backtest(
      FOUR,
      { buy: [0], sell: [] },
      { latencyCandles: 2, fillAt: 'close' },
    );
    // 103.5 * 1.0005
    expect(report.trades).toMatchObject([{ side: 'BUY', price: '103.55175', time: 179_999 }]);
  });

  it('never fills an order due after the last candle', () => {
    const late = backtest(FOUR, { buy: [2], sell: [] }, { latencyCandles: 1, fillAt: 'next-open' });
    expect(late.run.fills).toEqual([]);
    expect(late.run.skippedEntries).toBe(0);
  });

  it('ignores signals while an order is pending', () => {
    const { run } = backtest(
      FOUR,
      { buy: [0, 1], sell: [2] },
      { latencyCandles: 2, fillAt: 'close' },
    );
    // The buy of candle 0 fills on candle 2, whose sell signal comes after it and is due on 4.
    expect(run.fills.map((fill) => [fill.candle, fill.side])).toEqual([[2, 'BUY']]);
  });

  it('drops a pending sell when a stop loss sells first, and takes the next buy', () => {
    const candles = rows([
      ['100', '100', '100', '100'],
      ['100', '100', '100', '100'],
      ['100', '100', '100', '100'],
      ['100', '100', '90', '95'],
      ['95', '96', '94', '95'],
      ['95', '96', '94', '95'],
    ]);
    const { run } = backtest(
      candles,
      { buy: [0, 3], sell: [2] },
      { latencyCandles: 2, fillAt: 'close' },
      '5',
    );
    // Bought on 2's close; its sell signal is due on 4, but candle 3 stops it out at
    // 100.05 * 0.95 and its own buy signal is then taken, to fill on 5.
    expect(run.fills.map((fill) => [fill.candle, fill.side, fill.reason])).toEqual([
      [2, 'BUY', 'signal'],
      [3, 'SELL', 'stop_loss'],
      [5, 'BUY', 'signal'],
    ]);
  });
});
