import * as indicators from '../indicators/library';
import type { SignalAction, StrategyCandle, StrategyParams } from '../strategy.interface';

/** One param of a strategy file, in JSON Schema terms (docs/strategies.md). */
export type ParamDefinition =
  | {
      type: 'integer' | 'number';
      default: number;
      description?: string;
      minimum?: number;
      maximum?: number;
      exclusiveMinimum?: number;
      exclusiveMaximum?: number;
    }
  | { type: 'boolean'; default: boolean; description?: string }
  | { type?: 'string'; enum: readonly string[]; default: string; description?: string };

/** What `update` returns: indicators may be null (or NaN) while they warm up. */
export interface SignalResult {
  action: SignalAction;
  indicators?: Record<string, number | null>;
  reason?: string;
}

/** What the engine hands `create` beside the params, so a file needs no import. */
export interface StrategyTools {
  /** The streaming indicators of `trading-signals` that the built-ins use. */
  readonly indicators: typeof indicators;
}

export const STRATEGY_TOOLS: StrategyTools = Object.freeze({ indicators });

/** A strategy file's default export (docs/strategies.md). */
export interface StrategyDefinition<P extends StrategyParams = StrategyParams> {
  /** Unique; [a-z0-9-]{2,40}. */
  key: string;
  /** One line for people. */
  description: string;
  params?: { [K in keyof P]: ParamDefinition };
  /** Closed candles needed before the first buy or sell. */
  warmup?: number | ((params: P) => number);
  /** A fresh evaluator; called with validated params, defaults filled in. */
  create(
    params: P,
    tools: StrategyTools,
  ): {
    /** Called once per closed candle, oldest first, from the first candle on. */
    update(candle: StrategyCandle): SignalResult;
  };
}
