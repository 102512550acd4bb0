import type { Strategy } from '../api/types';
import { prefilledValues, prefillPath } from './bot-form-prefill';

const strategies = [
  {
    key: 'other',
    description: '',
    defaults: { period: 3 },
    paramsSchema: { properties: { period: { type: 'integer' } } },
  },
  {
    key: 'ema-rsi',
    description: '',
    defaults: { emaFast: 12, emaSlow: 26, long: true },
    paramsSchema: {
      properties: {
        emaFast: { type: 'integer' },
        emaSlow: { type: 'integer' },
        long: { type: 'boolean' },
      },
    },
  },
] as unknown as Strategy[];

describe('the new-bot form prefilled from a link', () => {
  it('opens with the strategy, its params over the defaults and the risk rules of the link', () => {
    const path = prefillPath({
      strategy: 'ema-rsi',
      strategyParams: { emaFast: 5, long: false },
      risk: { positionSizeQuote: '250', stopLossPct: '2.5', cooldownCandles: 3 },
    });
    expect(path.startsWith('/bots/new?')).toBe(true);
    const values = prefilledValues(path.slice(path.indexOf('?')), strategies)!;
    expect(values.strategy).toBe('ema-rsi');
    expect(values.strategyParams).toEqual({ emaFast: 5, emaSlow: 26, long: false });
    expect(values.risk).toMatchObject({
      positionSizeQuote: '250',
      stopLossPct: '2.5',
      cooldownCandles: '3',
      takeProfitPct: '',
    });
    expect(values.name).toBe('');
  });

  it('drops what the strategy or the form does not have, and is null without a known strategy', () => {
    const search = new URLSearchParams({
      strategy: 'ema-rsi',
      params: JSON.stringify({ emaFast: 7, nope: 1, emaSlow: { x: 1 } }),
      risk: JSON.stringify({ stopLossGuard: 'x', maxDailyTrades: 4 }),
    }).toString();
    const values = prefilledValues(search, strategies)!;
    expect(values.strategyParams).toEqual({ emaFast: 7, emaSlow: 26, long: true });
    expect(values.risk.maxDailyTrades).toBe('4');
    expect(values.risk.stopLossGuard).toEqual({ count: '', windowCandles: '', pauseCandles: '' });
    expect(prefilledValues('', strategies)).toBeNull();
    expect(prefilledValues('?strategy=gone', strategies)).toBeNull();
    expect(prefilledValues('?strategy=other&params=not-json', strategies)!.strategyParams).toEqual({
      period: 3,
    });
  });
});
