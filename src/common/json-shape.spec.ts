import { findJsonShapeProblem, MAX_JSON_DEPTH } from './json-shape';

function nested(depth: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level++) value = level % 2 ? [value] : { a: value };
  return value;
}

describe('findJsonShapeProblem', () => {
  it('passes scalars, plain bodies and nesting up to the limit', () => {
    for (const body of [undefined, null, 'text', 3, {}, [], { risk: { stopLossPct: '1' } }]) {
      expect(findJsonShapeProblem(body)).toBeUndefined();
    }
    expect(findJsonShapeProblem(nested(MAX_JSON_DEPTH))).toBeUndefined();
  });

  it('refuses one level more than the limit, and 20,000 levels without overflowing', () => {
    const tooDeep = { field: 'body', reason: `is nested deeper than ${MAX_JSON_DEPTH} levels` };
    expect(findJsonShapeProblem(nested(MAX_JSON_DEPTH + 1))).toEqual(tooDeep);
    expect(findJsonShapeProblem(JSON.parse(`${'['.repeat(20_000)}${']'.repeat(20_000)}`))).toEqual(
      tooDeep,
    );
    expect(findJsonShapeProblem(nested(3), 2)).toEqual({
      field: 'body',
      reason: 'is nested deeper than 2 levels',
    });
  });

  it('names a reserved key by its path, at any depth', () => {
    const cases: [string, string][] = [
      ['{"__proto__": {"isAdmin": true}}', '__proto__'],
      ['{"risk": {"constructor": {"prototype": {}}}}', 'risk.constructor'],
      ['{"candles": [[1, 2], {"x": {"prototype": 1}}]}', 'candles.1.x.prototype'],
    ];
    for (const [json, field] of cases) {
      expect(findJsonShapeProblem(JSON.parse(json))).toEqual({
        field,
        reason: 'is a reserved key name',
      });
    }
  });

  it('leaves words that only contain a reserved name alone', () => {
    expect(findJsonShapeProblem({ constructorName: 1, proto: 2, prototypes: [] })).toBeUndefined();
  });
});
