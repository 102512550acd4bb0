import type { ValidationError } from 'class-validator';
import { flattenValidationErrors, InvalidInputError } from './validation.error';

describe('flattenValidationErrors', () => {
  it('gives nested fields dotted paths and strips the property name from the reason', () => {
    const errors: ValidationError[] = [
      { property: 'name', constraints: { isString: 'name must be a string' }, children: [] },
      {
        property: 'risk',
        children: [
          {
            property: 'stopLossPct',
            constraints: { isPositive: 'stopLossPct must be a positive number' },
            children: [],
          },
        ],
      },
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'name', reason: 'must be a string' },
      { field: 'risk.stopLossPct', reason: 'must be a positive number' },
    ]);
  });

  it('builds a 400 whose message names every field', () => {
    const error = new InvalidInputError([{ field: 'symbol', reason: 'is unknown' }]);
    expect(error.getStatus()).toBe(400);
    expect(error.getResponse()).toMatchObject({
      message: 'symbol is unknown',
      errors: [{ field: 'symbol', reason: 'is unknown' }],
    });
  });
});
