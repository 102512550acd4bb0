import type { SymbolFilters } from '../../risk/symbol-filters';
import type { BacktestOutcome } from '../pool/backtest-task';
import type { EquityPoint } from '../backtest-report';
import type { OptimizationPlan } from './optimization-plan';
import type { FoldWindow, ObjectiveSpec, ScoredPoint, SearchParams } from './optimization.types';

/**
 * What the API hands a thread for an optimization. POST /api/optimizations: the body as
 * received, checked (the search and its backtest) and its candles normalized into the run's
 * stored input, in the same three steps as a backtest.
 */
export type OptimizationTask =
  | { kind: 'optimization'; body: Uint8Array }
  | {
      kind: 'optimization-fetched';
      request: Record<string, unknown>;
      candles: Uint8Array;
      symbolFilters: SymbolFilters;
    }
  | { kind: 'optimization-simulated'; request: Record<string, unknown>; lastPrice?: number }
  /** A chunk of a run's points on one window: its input parsed once per thread and run. */
  | ChunkTask;

export type OptimizationOutcome =
  | Extract<BacktestOutcome, { kind: 'invalid' | 'fetch' | 'simulate' }>
  /** A valid optimization request, its candles normalized, and what the coordinator runs. */
  | { kind: 'optimization'; input: OptimizationInput; plan: OptimizationPlan }
  /** A chunk's points, in the order given. */
  | { kind: 'points'; points: ChunkPoint[] };

/** A run's input as stored: any worker rebuilds the same chunk context from it. */
export interface OptimizationInput {
  /** The optimization request; its backtest without candles (a drawn seed filled in). */
  request: Record<string, unknown>;
  /** The filters the backtest uses when its request names none. */
  symbolFilters: SymbolFilters;
  /** The candles as gzip'd JSON rows `[openTime, open, high, low, close, volume, closeTime]`. */
  rows: Uint8Array;
}

/** A run's stored input as a chunk carries it: its bytes shared across the process's threads. */
export interface ChunkInput {
  /** The POST /api/backtests body without candles. */
  backtest: Record<string, unknown>;
  symbolFilters: SymbolFilters;
  /** gzip'd JSON rows, in a SharedArrayBuffer: sent to a thread without a copy. */
  rows: Uint8Array;
}

/** A chunk of a run's points on one window, as a thread runs it. */
export interface ChunkTask {
  kind: 'chunk';
  runId: string;
  input: ChunkInput;
  window: FoldWindow;
  points: SearchParams[];
  objective: ObjectiveSpec;
  /** Walk-forward test points: each point's equity curve too, for the stitched curve. */
  withEquity?: true;
}

/** A point as a chunk returns it, with its equity curve when asked. */
export type ChunkPoint = ScoredPoint & { equity?: EquityPoint[] };
