import { randomInt } from 'node:crypto';
import { paperParamsFrom } from '../../bots/dto/trading-config.params';
import { type FieldError, InvalidInputError } from '../../kernel/errors/validation.error';
import type { StrategyRegistryService } from '../../strategies/strategy-registry.service';
import type { CandleSeries } from '../candle-series';
import type { OptimizationRequestDto } from './dto/optimization-request.dto';
import {
  type FoldWindow,
  MAX_GRID_POINTS,
  type ObjectiveSpec,
  type SearchMethod,
  type SearchSpace,
  type WalkForwardMode,
} from './optimization.types';
import { parseSearchSpace } from './search-space';
import { foldWindows, parseWalkForward } from './walk-forward';

/** A window as the run's view shows it: candle indexes and their open times. */
export type WindowView = FoldWindow & {
  startTime: number;
  endTime: number;
};

/** A type, not an interface: the run stores its folds as jsonb. */
export type FoldPlan = {
  index: number;
  train: WindowView;
  test: WindowView;
};

/** What the coordinator runs, from a checked request: plain data, sent from the thread. */
export interface OptimizationPlan {
  strategy: string;
  method: SearchMethod;
  objective: ObjectiveSpec;
  space: SearchSpace;
  /** Points of one search (the grid's size, or the trials). */
  points: number;
  /** random and tpe: the request's seed, else one drawn; null for a grid. */
  seed: number | null;
  candles: number;
  /** The paper balance each backtest starts from: the stitched curve's scale. */
  initialBalanceQuote: string;
  walkForward: { mode: WalkForwardMode; folds: FoldPlan[] } | null;
}

/**
 * The search a checked request asks for, or a 400 naming each field: the space against the
 * strategy's schema, trials by method, the grid's size, the walk-forward split.
 */
export function planOptimization(
  dto: OptimizationRequestDto,
  strategies: StrategyRegistryService,
  series: CandleSeries,
): OptimizationPlan {
  const { strategy, params } = resolveStrategy(dto, strategies);
  // The fixed params' warm-up bounds the windows; a searched param needing more rejects its point.
  const warmup = strategy.warmup(params);
  const space = parseSearchSpace(dto.space, strategy);
  const method = dto.method ?? 'grid';
  const errors: FieldError[] = [];
  if (method === 'grid') {
    if (dto.trials !== undefined) {
      errors.push({
        field: 'trials',
        reason: 'is only for random and tpe (a grid runs every point)',
      });
    }
    if (space.size > MAX_GRID_POINTS) {
      errors.push({
        field: 'space',
        reason: `makes a grid of ${space.size} points; at most ${MAX_GRID_POINTS} (or use random or tpe)`,
      });
    }
  } else if (dto.trials === undefined) {
    errors.push({ field: 'trials', reason: `is required for ${method}` });
  }
  if (errors.length > 0) throw new InvalidInputError(errors);
  const walkForward = parseWalkForward(dto.walkForward);
  const folds = walkForward ? foldWindows(walkForward, series.length, warmup) : null;
  const view = (window: FoldWindow): WindowView => ({
    ...window,
    startTime: series.openTime[window.from],
    endTime: series.openTime[window.to - 1],
  });
  return {
    strategy: strategy.key,
    method,
    objective: {
      objective: dto.objective ?? 'sharpe',
      constraints: { ...dto.constraints },
    },
    space,
    points: method === 'grid' ? space.size : Math.min(dto.trials!, space.size),
    seed: method === 'grid' ? null : (dto.seed ?? randomInt(2 ** 32)),
    candles: series.length,
    initialBalanceQuote: paperParamsFrom(dto.backtest.paper).initialBalanceQuote,
    walkForward:
      walkForward && folds
        ? {
            mode: walkForward.mode,
            folds: folds.map((fold) => ({
              index: fold.index,
              train: view(fold.train),
              test: view(fold.test),
            })),
          }
        : null,
  };
}

function resolveStrategy(dto: OptimizationRequestDto, strategies: StrategyRegistryService) {
  try {
    return strategies.resolve(dto.backtest.strategy, dto.backtest.strategyParams ?? {});
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    throw new InvalidInputError(
      error.fieldErrors.map((e) => ({ field: `backtest.${e.field}`, reason: e.reason })),
    );
  }
}
