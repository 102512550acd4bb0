import 'reflect-metadata';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { RiskRules } from '../../risk/risk-rules';
import { STRATEGY_CLASSES } from '../../strategies/strategies.module';
import { StrategyRegistryService } from '../../strategies/strategy-registry.service';
import { BacktestJob } from '../backtest-job';
import type { BacktestOutcome, BacktestTask } from './backtest-task';

/**
 * A backtest worker thread's entry (piscina loads it once per thread): the same strategies
 * as the API's registry and the same RiskRules as RiskModule's, built here because a thread
 * shares no objects with the API.
 */
const job = new BacktestJob(
  new StrategyRegistryService(STRATEGY_CLASSES.map((Strategy) => new Strategy())),
  new RiskRules(),
);

/** Runs one task; a report's bytes are transferred to the API thread, not copied. */
export default async function runTask(task: BacktestTask) {
  const outcome: BacktestOutcome = await job.run(task);
  if (outcome.kind !== 'report') return outcome;
  return move({
    [transferableSymbol]: outcome.json.map((chunk) => chunk.buffer),
    [valueSymbol]: outcome,
  });
}
