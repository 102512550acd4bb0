/**
 * `tradebot/strategy`: what a strategy author imports for completion and tests. A file in
 * STRATEGIES_DIR needs none of it at run time (docs/strategies.md).
 */
import type { StrategyParams } from '../strategies/strategy.interface';
import type { StrategyDefinition } from '../strategies/user/strategy-definition';

export * from '../strategies/indicators/library';
export type {
  SignalAction,
  StrategyCandle,
  StrategyParams,
  StrategyParamValue,
} from '../strategies/strategy.interface';
export type {
  ParamDefinition,
  SignalResult,
  StrategyDefinition,
  StrategyTools,
} from '../strategies/user/strategy-definition';

/** Returns its argument: it only lets TypeScript check the definition and complete it. */
export function defineStrategy<P extends StrategyParams>(
  definition: StrategyDefinition<P>,
): StrategyDefinition<P> {
  return definition;
}
