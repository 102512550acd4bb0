import { defaultParams, parseWithSchema } from '../../../strategies/strategy-params';
import type { Strategy, StrategyParamsSchema } from '../../../strategies/strategy.interface';

type Params = { period: number; level: number; smooth: boolean; source: string };

const SCHEMA: StrategyParamsSchema<Params> = {
  type: 'object',
  properties: {
    period: { type: 'integer', description: '', default: 10, minimum: 2, maximum: 100 },
    level: { type: 'number', description: '', default: 0.5, exclusiveMinimum: 0, maximum: 1 },
    smooth: { type: 'boolean', description: '', default: false },
    source: { type: 'string', enum: ['close', 'hl2'], description: '', default: 'close' },
  },
  additionalProperties: false,
};

/** A strategy with one param of each schema type, whose warm-up is its period. */
export const schemaStrategy: Strategy<Params> = {
  key: 'schema',
  description: 'test',
  paramsSchema: SCHEMA,
  defaults: defaultParams(SCHEMA),
  parseParams: (raw) => parseWithSchema(SCHEMA, raw),
  warmup: (params) => params.period,
  createEvaluator: () => {
    throw new Error('not for running');
  },
};
