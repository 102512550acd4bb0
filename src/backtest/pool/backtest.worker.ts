import 'reflect-metadata';
import { workerData } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { loadRiskRules } from '../../risk/risk-rules-source';
import { loadStrategies } from '../../strategies/strategy-sources';
import { StrategyRegistryService } from '../../strategies/strategy-registry.service';
import { BacktestJob } from '../backtest-job';
import type { BacktestOutcome, BacktestTask, BacktestThreadData } from './backtest-task';

/**
 * A backtest worker thread's entry (piscina loads it once per thread). A thread shares no
 * objects with the API: it builds the registry and RiskRules by the API's own code from the
 * API's sources (workerData), on its first task, which then sees any failure to load them.
 */
let job: Promise<BacktestJob> | undefined;

async function buildJob({
  strategySources,
  riskRulesSource,
}: BacktestThreadData): Promise<BacktestJob> {
  return new BacktestJob(
    new StrategyRegistryService(await loadStrategies(strategySources)),
    await loadRiskRules(riskRulesSource),
  );
}

/** Runs one task; a report's bytes are transferred to the API thread, not copied. */
export default async function runTask(task: BacktestTask) {
  job ??= buildJob(workerData as BacktestThreadData);
  const outcome: BacktestOutcome = await (await job).run(task);
  if (outcome.kind !== 'report') return outcome;
  return move({
    [transferableSymbol]: outcome.json.map((chunk) => chunk.buffer),
    [valueSymbol]: outcome,
  });
}
