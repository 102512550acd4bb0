import { backtestReportJson } from './backtest-report-json';
import { reportBacktest } from './backtest-report';
import { seriesFromColumns } from './candle-series';
import { runBacktest } from './run-backtest';
import { EVERY_RULE } from './testing/every-rule';
import { randomWalk } from './testing/random-walk';
import { EmaRsiStrategy } from '../strategies/ema-rsi/ema-rsi.strategy';
import { RiskRules } from '../risk/risk-rules';

describe('backtestReportJson', () => {
  const strategy = new EmaRsiStrategy();
  const reportOf = (candles: number) => {
    const series = seriesFromColumns(randomWalk(candles, 3));
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
    const text = Buffer.concat(backtestReportJson(run, series, '10000')).toString('utf8');
    return { text, expected: JSON.stringify(reportBacktest(run, series, '10000')), run };
  };

  it('writes exactly what JSON.stringify writes of the report, over several chunks', () => {
    const { text, expected, run } = reportOf(60_000);
    expect(run.fills.length).toBeGreaterThan(100);
    expect(text.length).toBeGreaterThan(2 * (1 << 20));
    expect(text).toBe(expected);
  });

  it('writes an empty curve as an empty array', () => {
    const { text, expected } = reportOf(0);
    expect(text).toBe(expected);
    expect(JSON.parse(text).equity).toEqual([]);
  });
});
