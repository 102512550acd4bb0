import type { Strategy } from './strategy.interface';
import { EmaRsiStrategy } from './ema-rsi/ema-rsi.strategy';

/** Every strategy built into the engine: adding one is its class plus one entry here. */
export const STRATEGY_CLASSES: (new () => Strategy)[] = [EmaRsiStrategy];

/**
 * The registry's strategies: the built-ins, then the default export (a Strategy class) of
 * each module in `sources`, by absolute path. StrategiesModule and every backtest thread
 * build them here from the same paths, so both run the same strategies.
 */
export async function loadStrategies(sources: readonly string[]): Promise<Strategy[]> {
  const loaded: Strategy[] = STRATEGY_CLASSES.map((Class) => new Class());
  for (const source of sources) {
    const { default: Class } = (await import(source)) as { default: new () => Strategy };
    loaded.push(new Class());
  }
  return loaded;
}
