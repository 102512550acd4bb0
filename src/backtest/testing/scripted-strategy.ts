import type {
  Strategy,
  StrategyEvaluator,
  StrategySignal,
} from '../../strategies/strategy.interface';

/**
 * A strategy that says buy or sell on chosen candles, so golden tests can be checked by
 * hand without computing indicators.
 */
export function scriptedStrategy(script: { buy?: number[]; sell?: number[] }): Strategy {
  const buys = new Set(script.buy ?? []);
  const sells = new Set(script.sell ?? []);
  return {
    key: 'scripted',
    description: 'test signals on chosen candles',
    paramsSchema: { type: 'object', properties: {}, additionalProperties: false },
    defaults: {},
    parseParams: () => ({ ok: true, params: {} }),
    warmup: () => 1,
    createEvaluator(): StrategyEvaluator {
      let t = -1;
      const signal: StrategySignal = { action: 'none', indicators: {} };
      return {
        signal,
        update() {
          t++;
          signal.action = buys.has(t) ? 'buy' : sells.has(t) ? 'sell' : 'none';
          return signal;
        },
      };
    },
  };
}
