import { inlineLoneAllOf } from './lone-all-of';

describe('inlineLoneAllOf', () => {
  it('replaces an allOf of one schema, with nothing beside it, by that schema', () => {
    const schema = {
      properties: {
        mode: { allOf: [{ $ref: '#/components/schemas/BotMode' }] },
        nested: { allOf: [{ allOf: [{ type: 'string' }] }] },
        list: { type: 'array', items: { allOf: [{ $ref: '#/components/schemas/BotMode' }] } },
        either: { oneOf: [{ allOf: [{ type: 'string' }] }, { type: 'number' }] },
      },
    };
    inlineLoneAllOf(schema);
    expect(schema.properties).toEqual({
      mode: { $ref: '#/components/schemas/BotMode' },
      nested: { type: 'string' },
      list: { type: 'array', items: { $ref: '#/components/schemas/BotMode' } },
      either: { oneOf: [{ type: 'string' }, { type: 'number' }] },
    });
  });

  it('keeps an allOf with something beside it or of several schemas', () => {
    const schema = {
      described: { description: 'why', allOf: [{ $ref: '#/components/schemas/PaperDto' }] },
      nullable: { nullable: true, allOf: [{ $ref: '#/components/schemas/PositionDto' }] },
      merged: { allOf: [{ type: 'object' }, { required: ['id'] }] },
    };
    const before = structuredClone(schema);
    inlineLoneAllOf(schema);
    expect(schema).toEqual(before);
  });
});
