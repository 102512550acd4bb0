import { ApiProperty } from '@nestjs/swagger';

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
    additionalProperties: { type: 'number' },
    example: { emaFast: 12, emaSlow: 26, rsiPeriod: 14, rsiOverbought: 70, rsiOversold: 30 },
  })
  defaults: Record<string, number>;
}
