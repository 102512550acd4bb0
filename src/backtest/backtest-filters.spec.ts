import { jest } from '@jest/globals';
import { InvalidInputError } from '../kernel/errors/validation.error';
import {
  answerSymbolFilters,
  askSymbolFilters,
  DEFAULT_BACKTEST_FILTERS,
  requestFilters,
  type SymbolFiltersAnswer,
} from './backtest-filters';

describe('requestFilters (docs/backtesting.md, Filters of a backtest over given candles)', () => {
  const answering = (answer: SymbolFiltersAnswer) => jest.fn(() => Promise.resolve(answer));

  it('takes the request’s own filters and asks for nothing', async () => {
    const lookup = answering({ filters: { stepSize: '1' } });
    expect(await requestFilters({ stepSize: '0.1' }, 'BTCUSDT', lookup)).toEqual({
      stepSize: '0.1',
      source: 'request',
    });
    expect(lookup).not.toHaveBeenCalled();
  });

  it('takes the named symbol’s filters, else the defaults: 8 decimals, no minimums', async () => {
    const lookup = answering({ filters: { stepSize: '0.001', minNotional: '5' } });
    expect(await requestFilters(undefined, 'ETHUSDT', lookup)).toEqual({
      stepSize: '0.001',
      minNotional: '5',
      source: 'exchange',
    });
    expect(lookup).toHaveBeenCalledWith('ETHUSDT');
    expect(await requestFilters(undefined, undefined, lookup)).toEqual({
      stepSize: '0.00000001',
      source: 'default',
    });
    expect(DEFAULT_BACKTEST_FILTERS).toEqual({ stepSize: '0.00000001' });
  });

  it('runs on the defaults, saying why, when the exchange cannot say; an unlisted symbol is a 400', async () => {
    expect(await requestFilters(undefined, 'BTCUSDT', answering({ unavailable: 'down' }))).toEqual({
      stepSize: '0.00000001',
      source: 'default',
      note: "BTCUSDT's filters could not be had (down): the defaults were used",
    });
    const unlisted = requestFilters(undefined, 'NOPEUSDT', answering({ notListed: true }));
    await expect(unlisted).rejects.toThrow(InvalidInputError);
    await expect(unlisted).rejects.toMatchObject({
      fieldErrors: [{ field: 'symbol', reason: 'is not listed on the exchange' }],
    });
  });
});

describe('askSymbolFilters and answerSymbolFilters', () => {
  it('carry a thread’s question to the API’s lookup and its answer back', async () => {
    const close = answerSymbolFilters((symbol) =>
      Promise.resolve(
        symbol === 'ETHUSDT' ? { filters: { stepSize: '0.0001' } } : { notListed: true },
      ),
    );
    try {
      const [eth, nope] = await Promise.all([
        askSymbolFilters('ETHUSDT'),
        askSymbolFilters('NOPEUSDT'),
      ]);
      expect(eth).toEqual({ filters: { stepSize: '0.0001' } });
      expect(nope).toEqual({ notListed: true });
    } finally {
      close();
    }
  });

  it('answers a lookup that fails as unavailable', async () => {
    const close = answerSymbolFilters(() => Promise.reject(new Error('boom')));
    try {
      expect(await askSymbolFilters('ETHUSDT', 5000)).toEqual({ unavailable: 'Error: boom' });
    } finally {
      close();
    }
  });

  it('stops waiting when nobody answers', async () => {
    expect(await askSymbolFilters('ETHUSDT', 50)).toEqual({
      unavailable: 'no answer within 0.05 s',
    });
  });
});
