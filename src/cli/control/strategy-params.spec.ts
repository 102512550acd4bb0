import { UsageError } from '../cli-error';
import type { Schemas } from './api-client';
import { describeParams, strategyParams } from './strategy-params';

const bollinger = {
  key: 'bollinger-reversion',
  description: 'Buys below the lower band',
  paramsSchema: {
    type: 'object',
    properties: {
      period: { type: 'integer', description: 'Band period.', default: 20, minimum: 2 },
      width: { type: 'number', description: 'Width.', default: 2, exclusiveMinimum: 0 },
      exitAt: { type: 'string', enum: ['1', 'upper'], description: 'Exit.', default: 'upper' },
      trendFilter: { type: 'boolean', description: 'With the trend.', default: false },
    },
    additionalProperties: false,
  },
  defaults: { period: 20, width: 2, exitAt: 'upper', trendFilter: false },
} as unknown as Schemas['StrategyDescriptionDto'];

describe('strategyParams', () => {
  it("types each --param by the strategy's schema", () => {
    expect(
      strategyParams(['period=14', 'width=2.50', 'exitAt=1', 'trendFilter=true'], bollinger),
    ).toEqual({ period: 14, width: 2.5, exitAt: '1', trendFilter: true });
  });

  it('sends what does not fit as typed, for the API to name, and guesses unknown params', () => {
    expect(
      strategyParams(['period=x', 'trendFilter=yes', 'extra=3', 'other=true'], bollinger),
    ).toEqual({ period: 'x', trendFilter: 'yes', extra: 3, other: true });
  });

  it('guesses every value when the strategy is unknown to the server', () => {
    expect(strategyParams(['exitAt=1'], undefined)).toEqual({ exitAt: 1 });
  });

  it('refuses a malformed or repeated pair', () => {
    expect(() => strategyParams(['period'], bollinger)).toThrow(UsageError);
    expect(() => strategyParams(['period=1', 'period=2'], bollinger)).toThrow(
      '--param period is given twice',
    );
  });
});

describe('describeParams', () => {
  it('lists every param with its default, type and bounds', () => {
    expect(describeParams(bollinger)).toBe(
      'period=20 (integer ≥ 2), width=2 (number > 0), exitAt=upper (1|upper), ' +
        'trendFilter=false (boolean)',
    );
  });
});
