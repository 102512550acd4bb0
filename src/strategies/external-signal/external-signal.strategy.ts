import { defaultParams, parseWithSchema } from '../strategy-params';
import type {
  ParseParamsResult,
  Strategy,
  StrategyEvaluator,
  StrategyParamsSchema,
  StrategySignal,
} from '../strategy.interface';

// A type alias, not an interface, so it is assignable to the registry's StrategyParams.
export type ExternalSignalParams = {
  readonly signalTtlSeconds: number;
};

const PARAMS_SCHEMA: StrategyParamsSchema<ExternalSignalParams> = {
  type: 'object',
  properties: {
    signalTtlSeconds: {
      type: 'integer',
      description:
        'A signal older than this when its tick runs is dropped, not traded: a late order ' +
        'would trade at a price the alert never saw.',
      default: 60,
      minimum: 1,
      maximum: 3600,
    },
  },
  additionalProperties: false,
};

export const WAITING_FOR_SIGNAL = 'waiting for an external signal';

/**
 * Trades on alerts posted to `POST /api/signals` (docs/external-signals.md). Over candles it
 * never signals: a tick acts on the bot's pending alert, under the usual risk rules.
 */
export class ExternalSignalStrategy implements Strategy<ExternalSignalParams> {
  readonly key = 'external-signal';
  readonly description =
    'Buys and sells on alerts that TradingView (or any sender) posts to /api/signals.';
  readonly paramsSchema = PARAMS_SCHEMA;
  readonly defaults = defaultParams(PARAMS_SCHEMA);
  readonly external = true;

  parseParams(raw: unknown): ParseParamsResult<ExternalSignalParams> {
    return parseWithSchema(PARAMS_SCHEMA, raw);
  }

  /** The exits need the last close only. */
  warmup(): number {
    return 1;
  }

  createEvaluator(): StrategyEvaluator {
    return new WaitingEvaluator();
  }
}

class WaitingEvaluator implements StrategyEvaluator {
  readonly signal: StrategySignal = { action: 'none', indicators: {}, reason: WAITING_FOR_SIGNAL };

  update(): StrategySignal {
    return this.signal;
  }
}
