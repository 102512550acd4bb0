import type { BacktestMetrics } from '../backtest-report';
import type { CandleSeries } from '../candle-series';
import type { SymbolFilters } from '../../risk/symbol-filters';

export const SEARCH_METHODS = ['grid', 'random', 'tpe'] as const;
export type SearchMethod = (typeof SEARCH_METHODS)[number];

export const OBJECTIVES = [
  'returnPct',
  'sharpe',
  'sortino',
  'calmar',
  'profitFactor',
  'expectancy',
] as const;
export type Objective = (typeof OBJECTIVES)[number];

/** The risk params a space may search, named by their dotted key. */
export const RISK_SPACE_KEYS = [
  'risk.stopLossPct',
  'risk.takeProfitPct',
  'risk.trailingStopPct',
  'risk.cooldownCandles',
] as const;
export type RiskSpaceKey = (typeof RISK_SPACE_KEYS)[number];

/** A grid of more points is refused (400 on "space"). */
export const MAX_GRID_POINTS = 10_000;
export const MAX_TRIALS = 10_000;
export const MAX_SEED = 4_294_967_295;

export const WALK_FORWARD_MODES = ['rolling', 'anchored'] as const;
export type WalkForwardMode = (typeof WALK_FORWARD_MODES)[number];

/** One value of a searched key: numbers and booleans as such, enum words and risk percentages as strings. */
export type SearchValue = number | string | boolean;

/** A point of the space: each searched key (`fast`, `risk.stopLossPct`) and its value. */
export type SearchParams = Record<string, SearchValue>;

/** Where a key's value goes in the backtest request: `strategyParams[name]` or `risk[name]`. */
export type SpaceTarget = 'strategyParams' | 'risk';

/**
 * One searched key, checked against the strategy's schema. Every dimension is finite:
 * level i of a range is min + i * step, computed in decimals; a list's level i is values[i].
 * Samplers work on level indexes; a range is ordered, a list is categorical.
 */
export type SpaceDimension =
  | {
      kind: 'range';
      key: string;
      target: SpaceTarget;
      /** The param's name in its target: `fast`, `stopLossPct`. */
      name: string;
      /** Decimal strings, exact. */
      min: string;
      step: string;
      /** Levels: floor((max - min) / step) + 1. */
      count: number;
      /** Values are decimal strings (risk percentages), else numbers. */
      decimal: boolean;
    }
  | {
      kind: 'values';
      key: string;
      target: SpaceTarget;
      name: string;
      values: readonly SearchValue[];
    };

/** The checked space, its dimensions in the request's key order. */
export interface SearchSpace {
  dimensions: readonly SpaceDimension[];
  /** Product of the dimensions' levels (may exceed MAX_GRID_POINTS for random and tpe). */
  size: number;
}

export interface SearchPoint {
  params: SearchParams;
}

/** A point once run: `score` null when not scored, `rejected` saying why (constraint, bad params). */
export interface ScoredPoint {
  params: SearchParams;
  /** Null when the merged request was invalid: nothing ran. */
  metrics: BacktestMetrics | null;
  score: number | null;
  rejected?: string;
}

export interface SearchConstraints {
  /** At least this many round trips. */
  minTrades?: number;
  /** A drawdown deeper than this (percent, decimal string) rejects the point. */
  maxDrawdownPct?: string;
}

export interface ObjectiveSpec {
  objective: Objective;
  constraints: SearchConstraints;
}

/** How walk-forward cuts the candles; the two splits are exclusive. */
export type WalkForwardSpec = { mode: WalkForwardMode } & (
  { folds: number; trainPct: number } | { trainCandles: number; testCandles: number }
);

/** Candle indexes of a window, `to` exclusive. */
export interface FoldWindow {
  from: number;
  to: number;
}

export interface FoldWindows {
  index: number;
  train: FoldWindow;
  test: FoldWindow;
}

/** What a thread holds once per run and reuses for every chunk of points. */
export interface ChunkContext {
  /** The raw POST /api/backtests body without its candles, as the run received it. */
  request: Record<string, unknown>;
  /** The run's candles, all of them; a chunk runs on its window's slice. */
  series: CandleSeries;
  /** The filters a plain backtest of the request falls back to when it names none. */
  symbolFilters: SymbolFilters;
}

/** One unit of work for a thread: points to run on one window, scored one way. */
export interface ChunkRequest {
  window: FoldWindow;
  points: SearchParams[];
  objective: ObjectiveSpec;
}

/** A sampler's batch interface: ask for points, tell it their scores (null = unscored). */
export interface Sampler {
  ask(n: number): SearchParams[];
  tell(points: readonly { params: SearchParams; score: number | null }[]): void;
}
