import { Script, createContext } from 'node:vm';
import { StrategyTimeoutError } from './strategy-failure';

// V8 can only interrupt synchronous JavaScript from a watchdog: node:vm's timeout is one, and
// it cuts off whatever the call runs, the host functions it calls included.
const context = createContext({ call: (): void => undefined });
const callScript = new Script('call()');

/** A strategy's time budget: its key names it when it is cut off. */
export interface TimeBudget {
  readonly key: string;
  readonly ms: number;
}

/**
 * Runs `work` synchronously, cut off with a StrategyTimeoutError after the budget; any other
 * error it throws passes through. Costs about 0.1 ms per call: once per tick, not per candle.
 */
export function withinBudget<T>(budget: TimeBudget, work: () => T): T {
  let result: T | undefined;
  (context as { call: () => void }).call = () => {
    result = work();
  };
  try {
    callScript.runInContext(context, { timeout: budget.ms });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new StrategyTimeoutError(budget.key, budget.ms);
    }
    throw error;
  } finally {
    (context as { call: () => void }).call = () => undefined;
  }
  return result as T;
}
