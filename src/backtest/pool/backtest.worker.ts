import 'reflect-metadata';
import { workerData } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { loadRiskRules } from '../../risk/risk-rules-source';
import { loadStrategies } from '../../strategies/strategy-sources';
import { StrategyRegistryService } from '../../strategies/strategy-registry.service';
import { ChunkRunner } from '../search/chunk-task';
import { OptimizationPreparer } from '../search/optimization-input';
import { BacktestJob } from '../backtest-job';
import type { BacktestThreadData } from './backtest-task';
import type { PoolOutcome, PoolTask } from './pool-task';

/**
 * A backtest worker thread's entry (piscina loads it once per thread). A thread shares no
 * objects with the API: it builds the registry and RiskRules by the API's own code from the
 * API's sources (workerData), on its first task, which then sees any failure to load them.
 */
interface ThreadJobs {
  backtest: BacktestJob;
  optimization: OptimizationPreparer;
  chunks: ChunkRunner;
}

let jobs: Promise<ThreadJobs> | undefined;

async function buildJobs({
  strategySources,
  riskRulesSource,
}: BacktestThreadData): Promise<ThreadJobs> {
  const strategies = new StrategyRegistryService(await loadStrategies(strategySources));
  const riskRules = await loadRiskRules(riskRulesSource);
  return {
    backtest: new BacktestJob(strategies, riskRules),
    optimization: new OptimizationPreparer(strategies),
    chunks: new ChunkRunner(strategies, riskRules),
  };
}

function runOn(thread: ThreadJobs, task: PoolTask): Promise<PoolOutcome> {
  switch (task.kind) {
    case 'optimization':
    case 'optimization-fetched':
    case 'optimization-simulated':
      return thread.optimization.run(task);
    case 'chunk':
      return thread.chunks.run(task);
    default:
      return thread.backtest.run(task);
  }
}

/** Runs one task; a report's bytes are transferred to the API thread, not copied. */
export default async function runTask(task: PoolTask) {
  jobs ??= buildJobs(workerData as BacktestThreadData);
  const outcome = await runOn(await jobs, task);
  if (outcome.kind !== 'report') return outcome;
  return move({
    [transferableSymbol]: outcome.json.map((chunk) => chunk.buffer),
    [valueSymbol]: outcome,
  });
}
