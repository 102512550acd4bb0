import type { Money } from '../../risk/money';
import type { FillParams, RiskParams } from '../../risk/risk-params';
import { RiskRules } from '../../risk/risk-rules';
import type { SymbolFilters } from '../../risk/symbol-filters';
import { EmaRsiStrategy } from '../../strategies/ema-rsi/ema-rsi.strategy';
import { reportBacktest } from '../backtest-report';
import { type CandleSeries, parseCandleRows, seriesFromColumns } from '../candle-series';
import { type BacktestInput, runBacktest } from '../run-backtest';
import { EVERY_RULE } from '../testing/every-rule';
import { randomWalk } from '../testing/random-walk';
import { scriptedStrategy } from '../testing/scripted-strategy';
import { fromScaled, toScaled, Unscalable } from './scaled-decimal';

/** The stock rules by another name: runBacktest gives them the decimal arithmetic. */
class ReferenceRules extends RiskRules {}

const strategy = new EmaRsiStrategy();
const fastParams = { ...strategy.defaults, emaFast: 3, emaSlow: 8, rsiPeriod: 5 };

function inputOf(
  candles: CandleSeries,
  rules: {
    risk?: Partial<RiskParams>;
    fill?: FillParams;
    filters?: SymbolFilters;
    initialBalanceQuote?: string;
  } = {},
): BacktestInput {
  return {
    strategy,
    strategyParams: fastParams,
    risk: { ...EVERY_RULE.risk, ...rules.risk },
    fill: rules.fill ?? EVERY_RULE.fill,
    filters: rules.filters ?? EVERY_RULE.filters,
    initialBalanceQuote: rules.initialBalanceQuote ?? '10000',
    candles,
  };
}

function bothWays(input: BacktestInput) {
  const scaled = runBacktest(input, new RiskRules());
  const decimal = runBacktest(input, new ReferenceRules());
  return {
    scaled,
    decimal,
    scaledReport: reportBacktest(scaled, input.candles, input.initialBalanceQuote),
    decimalReport: reportBacktest(decimal, input.candles, input.initialBalanceQuote),
  };
}

describe('scaled decimals', () => {
  it('reads decimal strings, exponents included, at a scale', () => {
    expect(toScaled('1.2500', 2)).toBe(125n);
    expect(toScaled('42', 3)).toBe(42_000n);
    expect(toScaled('1e-7', 8)).toBe(10n);
    expect(toScaled('-0.5', 1)).toBe(-5n);
    expect(toScaled('.5', 1)).toBe(5n);
    expect(() => toScaled('0.001', 2)).toThrow(Unscalable);
  });

  it('prints as Decimal#toFixed() does: plain, no trailing zeros', () => {
    expect(fromScaled(1200n, 2)).toBe('12');
    expect(fromScaled(5n, 3)).toBe('0.005');
    expect(fromScaled(-1234n, 3)).toBe('-1.234');
    expect(fromScaled(-5n, 3)).toBe('-0.005');
    expect(fromScaled(0n, 8)).toBe('0');
    expect(fromScaled(123_450n, 0)).toBe('123450');
  });
});

describe('the scaled arithmetic against the decimal one', () => {
  const walk = (seed: number) => seriesFromColumns(randomWalk(20_000, seed));

  it('runs the stock rules on integers and any other rules on decimals', () => {
    const { scaled, decimal } = bothWays(inputOf(walk(1)));
    expect(scaled.arithmetic.zero).toBe(0n);
    expect((decimal.arithmetic.zero as Money).constructor.name).toBe('Decimal');
  });

  const cases: [string, Parameters<typeof inputOf>[1]][] = [
    ['every rule', {}],
    [
      'fractional bps and fee, a coarse step',
      {
        fill: { feeRate: '0.00075', slippageBps: '2.5' },
        filters: { stepSize: '0.001', minQty: '0.001', minNotional: '5' },
      },
    ],
    [
      'fractional percents, no daily limits',
      {
        risk: {
          stopLossPct: '0.75',
          takeProfitPct: '1.25',
          trailingStopPct: '0.5',
          maxDailyTrades: null,
          dailyLossLimitQuote: null,
          dailyProfitTargetQuote: null,
        },
      },
    ],
    // A size the balance never covers: every entry is sized from the balance.
    [
      'all in: sized from the balance',
      { risk: { positionSizeQuote: '1000000' }, initialBalanceQuote: '777.77' },
    ],
    [
      'no exits, a zero fee',
      {
        risk: { stopLossPct: null, takeProfitPct: null, trailingStopPct: null },
        fill: { feeRate: '0', slippageBps: '0' },
      },
    ],
    [
      'a balance that goes broke',
      { risk: { positionSizeQuote: '600', dailyLossLimitQuote: null }, initialBalanceQuote: '650' },
    ],
  ];

  it.each(cases)('%s: the same report to the last digit', (_name, rules) => {
    for (const seed of [2, 3, 4]) {
      const { scaled, scaledReport, decimalReport } = bothWays(inputOf(walk(seed), rules));
      expect(scaled.arithmetic.zero).toBe(0n);
      expect(scaledReport.trades.length).toBeGreaterThan(20);
      expect(scaledReport).toEqual(decimalReport);
    }
  });

  /**
   * Flat at `flat` (1) with a buy on the first close, and candle 2 as given (a stop at 1% under
   * the entry, 0.99).
   */
  function fineCandle(
    open: string,
    low: string,
    close: string,
    script: { buy: number[]; sell?: number[] } = { buy: [0] },
    { flat = '1', stepSize = '0.01' } = {},
  ) {
    const row = (i: number, o: string, h: string, l: string, c: string) => [
      i * 60_000,
      o,
      h,
      l,
      c,
      '1',
      i * 60_000 + 59_999,
    ];
    const parsed = parseCandleRows([
      row(0, flat, flat, flat, flat),
      row(1, flat, flat, flat, flat),
      row(2, open, flat, low, close),
      row(3, flat, flat, flat, flat),
    ]);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const input = inputOf(parsed.series, {
      risk: { stopLossPct: '1', trailingStopPct: null },
      fill: { feeRate: '0.001', slippageBps: '0' },
      filters: { stepSize },
    });
    return bothWays({ ...input, strategy: scriptedStrategy(script), strategyParams: {} });
  }

  it('falls back to decimals for a close finer than 8 decimals, with the same result', () => {
    const { scaled, scaledReport, decimalReport } = fineCandle('1', '0.995', '0.9950000001');
    expect(typeof scaled.arithmetic.zero).toBe('object');
    expect(scaledReport.equity[2].value).toBe('9998.500000025');
    expect(scaledReport).toEqual(decimalReport);
  });

  it('keeps the integers for a close that fine while flat, which no report values', () => {
    const sold = { buy: [0], sell: [1] };
    const { scaled, scaledReport, decimalReport } = fineCandle('1', '0.995', '0.9950000001', sold);
    expect(scaled.arithmetic.zero).toBe(0n);
    expect(scaledReport.trades).toHaveLength(2);
    expect(scaledReport).toEqual(decimalReport);
  });

  it('settles a low within CLOSE_CALL of the stop on the exact level', () => {
    // At 100,000 the stop is 99,000 and 1e-9 of it is 0.000099: these lows are close calls.
    const at = { flat: '100000', stepSize: '0.00001' };
    const above = fineCandle('100000', '99000.00001', '99500', { buy: [0] }, at);
    expect(above.scaled.arithmetic.zero).toBe(0n);
    expect(above.scaledReport.trades.map((trade) => trade.reason)).toEqual(['signal']);
    expect(above.scaledReport).toEqual(above.decimalReport);
    const touching = fineCandle('100000', '99000', '99500', { buy: [0] }, at);
    expect(touching.scaledReport.trades.map((trade) => [trade.reason, trade.price])).toEqual([
      ['signal', '100000'],
      ['stop_loss', '99000'],
    ]);
    expect(touching.scaledReport).toEqual(touching.decimalReport);
  });

  it('falls back to decimals when a fill needs an open finer than 8 decimals', () => {
    // The stop fires through a gap: the sale is priced at that open.
    const { scaled, scaledReport, decimalReport } = fineCandle('0.9000000001', '0.9', '0.95');
    expect(typeof scaled.arithmetic.zero).toBe('object');
    expect(scaledReport.trades.map((trade) => [trade.reason, trade.price])).toEqual([
      ['signal', '1'],
      ['stop_loss', '0.9000000001'],
    ]);
    expect(scaledReport).toEqual(decimalReport);
  });

  it('leaves a run without a step to the decimals, whose quotients it cannot floor', () => {
    const { scaled } = bothWays(inputOf(walk(5), { filters: {} }));
    expect(typeof scaled.arithmetic.zero).toBe('object');
  });
});
