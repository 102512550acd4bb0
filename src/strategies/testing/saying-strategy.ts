import type { SignalAction, Strategy, StrategySignal } from '../strategy.interface';

/** A strategy under `key` that says `action` on every candle: for specs of its callers. */
export function sayingStrategy(action: SignalAction, reason: string, key = 'saying'): Strategy {
  const signal: StrategySignal = {
    action,
    indicators: {},
    ...(action === 'none' ? { reason } : {}),
  };
  return {
    key,
    description: `says ${action}`,
    paramsSchema: { type: 'object', properties: {}, additionalProperties: false },
    defaults: {},
    parseParams: () => ({ ok: true, params: {} }),
    warmup: () => 0,
    createEvaluator: () => ({ signal, update: () => signal }),
  };
}
