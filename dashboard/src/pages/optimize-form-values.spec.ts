import type { Strategy } from '../api/types';
import {
  defaultSearch,
  defaultSpace,
  formField,
  gridSize,
  type RangeValues,
  searchBody,
  spaceBody,
} from './optimize-form-values';

const strategy = {
  key: 'demo',
  description: 'demo',
  defaults: { fast: 12, slow: 26, band: 2, long: true, kind: 'ema' },
  paramsSchema: {
    properties: {
      fast: { type: 'integer', minimum: 2, maximum: 20, default: 12 },
      slow: { type: 'integer', minimum: 2, maximum: 1000, default: 26 },
      band: { type: 'number', exclusiveMinimum: 0, default: 2 },
      long: { type: 'boolean', default: true },
      kind: { type: 'string', enum: ['ema', 'sma'], default: 'ema' },
    },
  },
} as unknown as Strategy;

const row = (space: RangeValues[], key: string) => space.find((range) => range.key === key)!;

describe('defaultSpace', () => {
  it('offers each param by its schema, then the risk rules, none ticked', () => {
    const space = defaultSpace(strategy);
    expect(space.map((range) => range.key)).toEqual([
      'fast',
      'slow',
      'band',
      'long',
      'kind',
      'risk.stopLossPct',
      'risk.takeProfitPct',
      'risk.trailingStopPct',
      'risk.cooldownCandles',
    ]);
    expect(space.every((range) => !range.on)).toBe(true);
    expect(row(space, 'fast')).toMatchObject({ kind: 'range', min: '2', max: '20', step: '5' });
    // 2..1000 would be a vast grid: the range starts around the default instead.
    expect(row(space, 'slow')).toMatchObject({ kind: 'range', min: '13', max: '52', step: '10' });
    expect(row(space, 'band')).toMatchObject({ kind: 'range', min: '1', max: '4', step: '0.75' });
    expect(row(space, 'long')).toMatchObject({ kind: 'values', values: 'true, false' });
    expect(row(space, 'kind')).toMatchObject({ kind: 'values', values: 'ema, sma' });
    expect(row(space, 'risk.cooldownCandles')).toMatchObject({ min: '5', max: '20', step: '4' });
    expect(row(space, 'risk.stopLossPct')).toMatchObject({ kind: 'range', min: '1', max: '4' });
  });
});

describe('spaceBody', () => {
  it('sends the ticked params only, numbers as numbers and list words typed by the schema', () => {
    const space = defaultSpace(strategy).map((range) => ({ ...range, on: true }));
    row(space, 'fast').on = false;
    row(space, 'band').values = '';
    Object.assign(row(space, 'slow'), { kind: 'values', values: '20, 30,' });
    Object.assign(row(space, 'risk.stopLossPct'), { min: '1', max: '3', step: '0.5' });
    const body = spaceBody(space, strategy);
    expect(Object.keys(body)).not.toContain('fast');
    expect(body.slow).toEqual({ values: [20, 30] });
    expect(body.band).toEqual({ min: 1, max: 4, step: 0.75 });
    expect(body.long).toEqual({ values: [true, false] });
    expect(body.kind).toEqual({ values: ['ema', 'sma'] });
    expect(body['risk.stopLossPct']).toEqual({ min: 1, max: 3, step: 0.5 });
  });

  it('sends a bound that is no number as typed, for the API to name it', () => {
    const space = defaultSpace(strategy);
    Object.assign(row(space, 'fast'), { on: true, min: 'abc' });
    expect(spaceBody(space, strategy).fast).toEqual({ min: 'abc', max: 20, step: 5 });
  });
});

describe('gridSize', () => {
  it('multiplies the points of each ticked range, the max counted when a step lands on it', () => {
    const space = defaultSpace(strategy);
    Object.assign(row(space, 'fast'), { on: true, min: '2', max: '20', step: '6' }); // 2 8 14 20
    Object.assign(row(space, 'band'), { on: true, min: '0.1', max: '0.3', step: '0.1' }); // 3
    Object.assign(row(space, 'kind'), { on: true }); // 2
    expect(gridSize(space)).toBe(24);
    row(space, 'band').step = '0';
    expect(gridSize(space)).toBeNull();
    expect(gridSize(defaultSpace(strategy))).toBe(1);
  });
});

describe('searchBody', () => {
  it('sends trials and seed for the samplers only, constraints and walk-forward when set', () => {
    const values = defaultSearch(strategy);
    expect(searchBody(values, strategy)).toEqual({
      space: {},
      method: 'grid',
      objective: 'sharpe',
    });
    values.method = 'tpe';
    values.trials = '30';
    values.searchSeed = '7';
    values.minTrades = '3';
    values.maxDrawdownPct = '25.5';
    values.walkForward.on = true;
    expect(searchBody(values, strategy)).toMatchObject({
      method: 'tpe',
      trials: 30,
      seed: 7,
      constraints: { minTrades: 3, maxDrawdownPct: '25.5' },
      walkForward: { mode: 'rolling', folds: 4, trainPct: 75 },
    });
    values.walkForward = {
      ...values.walkForward,
      mode: 'anchored',
      split: 'candles',
      trainCandles: '500',
      testCandles: '100',
    };
    expect(searchBody(values, strategy).walkForward).toEqual({
      mode: 'anchored',
      trainCandles: 500,
      testCandles: 100,
    });
  });
});

describe('formField', () => {
  const space = defaultSpace(strategy);
  it('puts a space error on the row of its key, the dotted risk keys too', () => {
    expect(formField('space.slow.step', space)).toBe('space.1.step');
    expect(formField('space.risk.stopLossPct.max', space)).toBe('space.5.max');
    expect(formField('space.kind', space)).toBe('space.4.values');
    expect(formField('space.nope.min', space)).toBe('space.nope.min');
  });

  it('names the search fields as the form does, and the backtest ones without their prefix', () => {
    expect(formField('seed', space)).toBe('searchSeed');
    expect(formField('constraints.minTrades', space)).toBe('minTrades');
    expect(formField('walkForward.folds', space)).toBe('walkForward.folds');
    expect(formField('backtest.risk.stopLossPct', space)).toBe('risk.stopLossPct');
  });
});
