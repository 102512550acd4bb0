import { executionBody, IMMEDIATE } from './backtest-execution';

describe('executionBody', () => {
  it('leaves execution out at the defaults, as a plain backtest sends it', () => {
    expect(executionBody(IMMEDIATE)).toEqual({});
    expect(executionBody({ latencyCandles: ' ', fillAt: 'close' })).toEqual({});
  });

  it('sends the latency as a number and the fill price, when either differs', () => {
    expect(executionBody({ latencyCandles: '2', fillAt: 'close' })).toEqual({
      execution: { latencyCandles: 2, fillAt: 'close' },
    });
    expect(executionBody({ latencyCandles: '0', fillAt: 'next-open' })).toEqual({
      execution: { latencyCandles: 0, fillAt: 'next-open' },
    });
  });

  it('sends a latency that is no whole number as typed, for the API to name', () => {
    expect(executionBody({ latencyCandles: '1.5', fillAt: 'close' })).toEqual({
      execution: { latencyCandles: '1.5', fillAt: 'close' },
    });
  });
});
