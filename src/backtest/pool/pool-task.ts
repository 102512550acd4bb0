import type { BacktestOutcome, BacktestTask } from './backtest-task';
import type { OptimizationOutcome, OptimizationTask } from '../search/search-task';

/** Anything a backtest thread runs. */
export type PoolTask = BacktestTask | OptimizationTask;
export type PoolOutcome = BacktestOutcome | OptimizationOutcome;
