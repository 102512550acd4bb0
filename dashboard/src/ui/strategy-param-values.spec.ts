import type { Strategy } from '../api/types';
import {
  defaultParams,
  paramHint,
  paramInput,
  paramSchemas,
  paramsBody,
} from './strategy-param-values';

const strategy = {
  key: 'bollinger-reversion',
  description: 'Buys below the lower band',
  paramsSchema: {
    type: 'object',
    properties: {
      period: { type: 'integer', description: 'Band period.', default: 20, minimum: 2 },
      width: { type: 'number', description: 'Band width.', default: 2, exclusiveMinimum: 0 },
      exitAt: {
        type: 'string',
        enum: ['middle', 'upper'],
        description: 'Exit.',
        default: 'middle',
      },
      trendFilter: { type: 'boolean', description: 'Only with the trend.', default: false },
    },
    additionalProperties: false,
  },
  defaults: { period: 20, width: 2, exitAt: 'middle', trendFilter: false },
} as unknown as Strategy;

describe('paramInput', () => {
  it('gives a number input per number param, a checkbox per boolean and a select per enum', () => {
    const inputs = Object.fromEntries(
      paramSchemas(strategy).map(([name, param]) => [name, paramInput(param)]),
    );
    expect(inputs).toEqual({
      period: { kind: 'number', step: 1, min: 2 },
      // An exclusive bound is no min: the browser would offer the bound itself.
      width: { kind: 'number', step: 'any' },
      exitAt: { kind: 'select', options: ['middle', 'upper'] },
      trendFilter: { kind: 'checkbox' },
    });
  });

  it('has no fields without a strategy', () => {
    expect(paramSchemas(undefined)).toEqual([]);
  });
});

describe('paramHint', () => {
  it('says the description, the bounds and the default', () => {
    const [period, width, exitAt, trendFilter] = paramSchemas(strategy).map(([, p]) => p);
    expect(paramHint(period)).toBe('Band period. ≥ 2, default 20');
    expect(paramHint(width)).toBe('Band width. > 0, default 2');
    expect(paramHint(exitAt)).toBe('Exit. default middle');
    expect(paramHint(trendFilter)).toBe('Only with the trend. default false');
  });
});

describe('defaultParams and paramsBody', () => {
  it("starts from the strategy's defaults, of every type", () => {
    expect(defaultParams(strategy)).toEqual({
      period: 20,
      width: 2,
      exitAt: 'middle',
      trendFilter: false,
    });
    expect(defaultParams(undefined)).toEqual({});
  });

  it('leaves out an emptied number field and keeps booleans, enums and zeros as typed', () => {
    expect(
      paramsBody({ period: Number.NaN, width: 0, exitAt: 'upper', trendFilter: false }),
    ).toEqual({ width: 0, exitAt: 'upper', trendFilter: false });
  });
});
