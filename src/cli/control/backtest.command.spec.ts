import { newBotValues } from '../../../dashboard/src/pages/bot-form-values';
import { UsageError } from '../cli-error';
import { backtestRequest, describeResult, duration, simulatedSource } from './backtest.command';

describe('backtestRequest', () => {
  it("sizes entries as the dashboard's new-bot form does when --risk names no size", () => {
    const request = backtestRequest({ strategy: 'ema-rsi' });
    expect(request.risk.positionSizeQuote).toBe(newBotValues(undefined).risk.positionSizeQuote);
    expect(request.risk.positionSizeQuote).toBe('100');
  });

  it('takes the size, params and fill model the options give', () => {
    expect(
      backtestRequest({
        strategy: 'ema-rsi',
        param: ['fastPeriod=5'],
        risk: ['positionSizeQuote=250', 'stopLossPct=2'],
        paper: ['feeRate=0'],
      }),
    ).toEqual({
      strategy: 'ema-rsi',
      strategyParams: { fastPeriod: 5 },
      risk: { positionSizeQuote: 250, stopLossPct: 2 },
      paper: { feeRate: 0 },
    });
  });

  it('times the fills as --execution says, and leaves execution out without it', () => {
    expect(
      backtestRequest({
        strategy: 'ema-rsi',
        execution: ['latencyCandles=2', 'fillAt=next-open'],
      }).execution,
    ).toEqual({ latencyCandles: 2, fillAt: 'next-open' });
    expect(backtestRequest({ strategy: 'ema-rsi' })).not.toHaveProperty('execution');
  });
});

describe('simulatedSource', () => {
  const range = { symbol: 'btcusdt', interval: '1h', from: '2026-01-01', to: '2026-01-02' };

  it('asks for the simulated series over the UTC dates given, with the seed', () => {
    expect(simulatedSource({ ...range, seed: '7' })).toEqual({
      source: 'simulated',
      symbol: 'BTCUSDT',
      interval: '1h',
      startTime: Date.UTC(2026, 0, 1),
      endTime: Date.UTC(2026, 0, 2),
      seed: 7,
    });
  });

  it('names what is missing or wrong as wrong usage', () => {
    expect(() => simulatedSource({ symbol: 'BTCUSDT' })).toThrow(
      new UsageError('--simulated needs --interval, --from, --to'),
    );
    expect(() => simulatedSource({ ...range, to: 'soon' })).toThrow(
      new UsageError('--to soon is no date (like 2026-01-01)'),
    );
    expect(() => simulatedSource({ ...range, seed: '1.5' })).toThrow(
      new UsageError('--seed 1.5 is no whole number'),
    );
  });
});

describe('describeResult', () => {
  const metrics = {
    roundTrips: 2,
    wins: 1,
    winRatePct: '50',
    realizedPnl: '1.5',
    finalEquity: '1001.5',
    returnPct: '0.15',
    maxDrawdownPct: '2.5',
    skippedEntries: 0,
    skippedByProtections: 0,
    cagrPct: '12.345',
    sharpe: '1.23456',
    sortino: null,
    calmar: '-0.5',
    maxDrawdownDurationMs: 3 * 86_400_000 + 4 * 3_600_000 + 5 * 60_000,
    profitFactor: null,
    expectancy: '0.75',
    avgWin: '3',
    avgLoss: '-1.5',
    avgTradeDurationMs: 45_000,
    exposurePct: '26.239',
    feesPaid: '1379.7783932618188432685',
    buyAndHoldReturnPct: '-4.5',
  };

  it('prints the issue 25 metrics beside the others, a dash where one is undefined', () => {
    const rows = Object.fromEntries(describeResult(10, { metrics, trades: [] }));
    expect(rows).toMatchObject({
      'CAGR %': '12.35',
      sharpe: '1.23',
      sortino: '–',
      calmar: '-0.50',
      'max drawdown duration': '3d 4h',
      'profit factor': '–',
      expectancy: '0.75',
      'avg win': '3.00',
      'avg loss': '-1.50',
      'avg trade duration': '45s',
      'exposure %': '26.24',
      'fees paid': '1,379.78',
      'buy and hold %': '-4.50',
    });
    const none = Object.fromEntries(
      describeResult(0, { metrics: { ...metrics, avgTradeDurationMs: null }, trades: [] }),
    );
    expect(none['avg trade duration']).toBe('–');
  });

  it('writes a duration in its two largest units, leaving out a zero second one', () => {
    expect(duration(0)).toBe('0s');
    expect(duration(999)).toBe('0s');
    expect(duration(2 * 3_600_000)).toBe('2h');
    expect(duration(2 * 3_600_000 + 1000)).toBe('2h');
    expect(duration(86_400_000 + 60_000)).toBe('1d');
    expect(duration(61_000)).toBe('1m 1s');
  });
});
