import { newBotValues } from '../../../dashboard/src/pages/bot-form-values';
import { backtestRequest } from './backtest.command';

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
