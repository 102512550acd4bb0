import { newBotValues } from '../../../dashboard/src/pages/bot-form-values';
import { UsageError } from '../cli-error';
import { backtestRequest, simulatedSource } from './backtest.command';

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
