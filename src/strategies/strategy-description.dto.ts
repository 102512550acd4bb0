import { ApiProperty } from '@nestjs/swagger';
import type { StrategyParamValue } from './strategy.interface';

/** A param's value in OpenAPI: a number, a boolean (a flag) or a string (one of an enum). */
export const STRATEGY_PARAM_VALUE_SCHEMA = {
  oneOf: [{ type: 'number' }, { type: 'boolean' }, { type: 'string' }],
};

export class StrategyDescriptionDto {
  @ApiProperty({ example: 'ema-rsi' })
  key: string;

  @ApiProperty({ example: 'EMA crossover filtered by RSI' })
  description: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'JSON Schema (2020-12) of the params: type, bounds, default and description of each; ' +
      'a form can be built from it',
  })
  paramsSchema: Record<string, unknown>;

  @ApiProperty({
    type: 'object',
    additionalProperties: STRATEGY_PARAM_VALUE_SCHEMA,
    example: { emaFast: 12, emaSlow: 26, rsiPeriod: 14, rsiOverbought: 70, rsiOversold: 30 },
  })
  defaults: Record<string, StrategyParamValue>;

  @ApiProperty({
    required: false,
    example: 'built-in',
    description: '`built-in`, or the file in STRATEGIES_DIR it was loaded from',
  })
  source: string;
}
