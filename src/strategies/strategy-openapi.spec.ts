import { EmaRsiStrategy } from './ema-rsi/ema-rsi.strategy';
import { paramsSchemaName, toOpenApiSchema } from './strategy-openapi';

describe('strategy params in the OpenAPI spec', () => {
  it('names the component after the key', () => {
    expect(paramsSchemaName('ema-rsi')).toBe('EmaRsiParams');
  });

  it('turns JSON Schema exclusive bounds into OpenAPI 3.0 ones', () => {
    const schema = toOpenApiSchema(new EmaRsiStrategy());
    expect(schema.properties?.rsiOverbought).toMatchObject({
      type: 'number',
      minimum: 0,
      exclusiveMinimum: true,
      maximum: 100,
      exclusiveMaximum: true,
      default: 70,
    });
    expect(schema.properties?.emaFast).toMatchObject({ type: 'integer', minimum: 2, default: 12 });
    expect(schema.additionalProperties).toBe(false);
  });
});
