import { InvalidInputError } from '../../kernel/errors/validation.error';
import { levelIndex, levelValue, levels, parseSearchSpace, pointAt } from './search-space';
import type { SpaceDimension } from './optimization.types';
import { schemaStrategy } from './testing/schema-strategy';

function errorsOf(space: unknown) {
  try {
    parseSearchSpace(space, schemaStrategy);
  } catch (error) {
    if (error instanceof InvalidInputError) return error.fieldErrors;
    throw error;
  }
  throw new Error('no error');
}

const valuesOf = (d: SpaceDimension) =>
  Array.from({ length: levels(d) }, (_, i) => levelValue(d, i));

describe('parseSearchSpace', () => {
  it('walks a range in decimals: 0.1 to 0.3 by 0.1 is three exact values', () => {
    const { dimensions, size } = parseSearchSpace(
      { level: { min: 0.1, max: 0.3, step: 0.1 } },
      schemaStrategy,
    );
    expect(size).toBe(3);
    expect(valuesOf(dimensions[0])).toEqual([0.1, 0.2, 0.3]);
  });

  it('gives risk percentages as decimal strings and integer params as integers', () => {
    const space = parseSearchSpace(
      {
        period: { min: 5, max: 20, step: 5 },
        'risk.stopLossPct': { min: 0.1, max: 0.7, step: 0.3 },
        'risk.takeProfitPct': { values: [1, '2.50'] },
        'risk.cooldownCandles': { values: [3] },
      },
      schemaStrategy,
    );
    const [period, stop, take, cooldown] = space.dimensions;
    expect(valuesOf(period)).toEqual([5, 10, 15, 20]);
    expect(valuesOf(stop)).toEqual(['0.1', '0.4', '0.7']);
    expect(valuesOf(take)).toEqual(['1', '2.5']);
    expect(valuesOf(cooldown)).toEqual([3]);
    expect(stop).toMatchObject({ target: 'risk', name: 'stopLossPct' });
    expect(period).toMatchObject({ target: 'strategyParams', name: 'period' });
    expect(space.size).toBe(4 * 3 * 2);
  });

  it('stops a range at the last step not past max', () => {
    const { dimensions } = parseSearchSpace(
      { period: { min: 2, max: 9, step: 3 } },
      schemaStrategy,
    );
    expect(valuesOf(dimensions[0])).toEqual([2, 5, 8]);
  });

  it('takes booleans and enum words as values', () => {
    const space = parseSearchSpace(
      { smooth: { values: [true, false] }, source: { values: ['hl2', 'close'] } },
      schemaStrategy,
    );
    expect(pointAt(space, [1, 0])).toEqual({ smooth: false, source: 'hl2' });
  });

  it('finds each level of a value back', () => {
    const { dimensions } = parseSearchSpace(
      {
        'risk.stopLossPct': { min: 0.5, max: 2, step: 0.25 },
        source: { values: ['hl2', 'close'] },
      },
      schemaStrategy,
    );
    const [stop, source] = dimensions;
    expect(valuesOf(stop).map((v) => levelIndex(stop, v))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(levelIndex(stop, '0.6')).toBe(-1);
    expect(levelIndex(stop, '2.25')).toBe(-1);
    expect(levelIndex(source, 'close')).toBe(1);
  });

  it('names every bad field with its dotted path', () => {
    expect(
      errorsOf({
        nope: { values: [1] },
        period: { min: 5, max: 20, step: 2.5 },
        level: { min: 0, max: 2, step: 0 },
        smooth: { min: 0, max: 1, step: 1 },
        source: { values: ['close', 'open', 'close'] },
        'risk.stopLossPct': { values: ['100', 'abc'] },
        'risk.cooldownCandles': { min: 1, max: 3 },
      }),
    ).toEqual([
      { field: 'space.nope', reason: expect.stringContaining('is not a param of schema') },
      { field: 'space.period.step', reason: 'must be an integer' },
      { field: 'space.level.min', reason: 'must be greater than 0' },
      { field: 'space.level.max', reason: 'must be at most 1' },
      { field: 'space.level.step', reason: 'must be a number greater than 0' },
      { field: 'space.smooth', reason: 'is a boolean param: give { values }' },
      { field: 'space.source.values.1', reason: 'must be one of close, hl2' },
      { field: 'space.source.values.2', reason: 'repeats close' },
      { field: 'space.risk.stopLossPct.values.0', reason: 'must be less than 100' },
      { field: 'space.risk.stopLossPct.values.1', reason: 'must be a number' },
      {
        field: 'space.risk.cooldownCandles',
        reason: expect.stringContaining('{ min, max, step }'),
      },
    ]);
  });

  it('refuses a max below min, an empty list, an empty space and a non-object', () => {
    expect(errorsOf({ period: { min: 9, max: 5, step: 1 } })).toEqual([
      { field: 'space.period.max', reason: 'must not be below min (9)' },
    ]);
    expect(errorsOf({ period: { values: [] } })).toEqual([
      { field: 'space.period.values', reason: 'must be a non-empty array' },
    ]);
    expect(errorsOf({})).toEqual([{ field: 'space', reason: 'must name at least one param' }]);
    expect(errorsOf([])).toEqual([{ field: 'space', reason: 'must be an object' }]);
    expect(errorsOf({ period: 5 })).toEqual([
      { field: 'space.period', reason: 'must be { min, max, step } or { values }' },
    ]);
  });

  it('refuses a range of more than a billion levels', () => {
    expect(errorsOf({ level: { min: 0.5, max: 1, step: 1e-10 } })).toEqual([
      { field: 'space.level.step', reason: 'makes 5000000001 values; at most 1000000000' },
    ]);
  });
});
