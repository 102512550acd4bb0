/** Injection token for the array of every registered `Strategy`. */
export const STRATEGIES = Symbol('STRATEGIES');

/**
 * Injection token for the module paths of the strategies beyond the built-ins
 * (`loadStrategies`): plain data, which the backtest threads receive to load the same ones.
 */
export const STRATEGY_SOURCES = Symbol('STRATEGY_SOURCES');
