import { type FieldError, InvalidInputError } from '../../kernel/errors/validation.error';
import { Money, money } from '../../risk/money';
import type { EquityPoint } from '../backtest-report';
import type { WalkForwardDto } from './dto/optimization-request.dto';
import type { Strategy } from '../../strategies/strategy.interface';
import type {
  FoldWindows,
  SearchSpace,
  SearchValue,
  SpaceDimension,
  WalkForwardSpec,
} from './optimization.types';
import { levelValue } from './search-space';

/** Folds a `trainCandles`/`testCandles` split may make, as `folds` allows. */
export const MAX_FOLDS = 50;

/** Places the stitched equity is rounded to (half-even), as the quote amounts of a report. */
export const STITCHED_DECIMALS = 8;

/** The checked split of a request's walkForward, or null without one. */
export function parseWalkForward(dto: WalkForwardDto | undefined): WalkForwardSpec | null {
  if (dto === undefined) return null;
  const mode = dto.mode ?? 'rolling';
  const { folds, trainPct, trainCandles, testCandles } = dto;
  const byShare = folds !== undefined || trainPct !== undefined;
  const byCount = trainCandles !== undefined || testCandles !== undefined;
  if (byShare && byCount) {
    throw invalid(
      'walkForward',
      'give folds with trainPct, or trainCandles with testCandles, not both',
    );
  }
  if (byShare) {
    if (folds === undefined) throw invalid('walkForward.folds', 'is required with trainPct');
    if (trainPct === undefined) throw invalid('walkForward.trainPct', 'is required with folds');
    return { mode, folds, trainPct };
  }
  if (byCount) {
    if (trainCandles === undefined) {
      throw invalid('walkForward.trainCandles', 'is required with testCandles');
    }
    if (testCandles === undefined) {
      throw invalid('walkForward.testCandles', 'is required with trainCandles');
    }
    return { mode, trainCandles, testCandles };
  }
  throw invalid('walkForward', 'give folds with trainPct, or trainCandles with testCandles');
}

/**
 * The folds over `length` candles. The test windows tile the end of the candles, each
 * fold's train window just before its test window; rolling trains keep their length,
 * anchored trains start at candle 0. `{ folds, trainPct }`: the test length is chosen so the
 * first train holds trainPct of its fold, and the candles left over by rounding join it.
 * Every window must hold `warmup` candles.
 */
export function foldWindows(spec: WalkForwardSpec, length: number, warmup: number): FoldWindows[] {
  const { folds, train, test, field } = split(spec, length);
  const start = length - train - folds * test;
  const shortest = Math.min(train, test);
  if (shortest < Math.max(1, warmup)) {
    const which = train <= test ? 'train' : 'test';
    throw invalid(
      field,
      `makes ${which} windows of ${shortest} candles out of ${length}; each must hold at least ` +
        `${Math.max(1, warmup)} (the strategy's warm-up)`,
    );
  }
  return Array.from({ length: folds }, (_, index) => {
    const testFrom = start + train + index * test;
    const trainFrom = spec.mode === 'anchored' ? 0 : testFrom - train;
    return {
      index,
      train: { from: trainFrom, to: testFrom },
      test: { from: testFrom, to: testFrom + test },
    };
  });
}

function split(spec: WalkForwardSpec, length: number) {
  if ('folds' in spec) {
    // train / test = trainPct / (100 - trainPct), and train + folds * test = length.
    const rest = 100 - spec.trainPct;
    const test = Math.floor((length * rest) / (spec.trainPct + spec.folds * rest));
    return {
      folds: spec.folds,
      test,
      train: length - spec.folds * test,
      field: 'walkForward.folds',
    };
  }
  const { trainCandles: train, testCandles: test } = spec;
  const folds = Math.floor((length - train) / test);
  if (folds < 1) {
    throw invalid(
      'walkForward.trainCandles',
      `with testCandles needs at least ${train + test} candles, got ${length}`,
    );
  }
  if (folds > MAX_FOLDS) {
    throw invalid(
      'walkForward.testCandles',
      `makes ${folds} folds out of ${length} candles; at most ${MAX_FOLDS}`,
    );
  }
  return { folds, train, test, field: 'walkForward.trainCandles' };
}

/** Combinations of extreme levels tried for the warm-up; beyond, one dimension at a time. */
const WARMUP_COMBINATIONS = 4096;

/**
 * The most candles any point of the space needs before its first signal: the strategy's
 * warm-up over the corners of the searched strategy params (each range's ends, each listed
 * value), the fixed params as given. Points whose params are invalid are left out.
 */
export function spaceWarmup(
  strategy: Strategy,
  fixedParams: Record<string, unknown>,
  space: SearchSpace,
): number {
  const dimensions = space.dimensions.filter((d) => d.target === 'strategyParams');
  const choices = dimensions.map((d) =>
    d.kind === 'range' ? [levelValue(d, 0), levelValue(d, d.count - 1)] : [...d.values],
  );
  const combinations = choices.reduce((product, values) => product * values.length, 1);
  const points: Record<string, unknown>[] =
    combinations <= WARMUP_COMBINATIONS
      ? corners(dimensions, choices)
      : dimensions.flatMap((d, i) => choices[i].map((value) => ({ [d.name]: value })));
  let warmup = 0;
  for (const point of [{}, ...points]) {
    const parsed = strategy.parseParams({ ...fixedParams, ...point });
    if (parsed.ok) warmup = Math.max(warmup, strategy.warmup(parsed.params));
  }
  return warmup;
}

function corners(
  dimensions: SpaceDimension[],
  choices: SearchValue[][],
): Record<string, unknown>[] {
  let points: Record<string, unknown>[] = [{}];
  dimensions.forEach((d, i) => {
    points = points.flatMap((point) => choices[i].map((value) => ({ ...point, [d.name]: value })));
  });
  return points;
}

/**
 * Out-of-sample ÷ in-sample: the sum of the folds' test scores over the sum of their train
 * scores, over the folds where both are scored; null when none is, or the train sum is 0.
 */
export function walkForwardEfficiency(
  folds: readonly { inScore: number | null; outScore: number | null }[],
): number | null {
  let inSum = 0;
  let outSum = 0;
  let counted = 0;
  for (const { inScore, outScore } of folds) {
    if (inScore === null || outScore === null) continue;
    inSum += inScore;
    outSum += outScore;
    counted++;
  }
  return counted === 0 || inSum === 0 ? null : outSum / inSum;
}

/**
 * One out-of-sample curve from the folds' test curves, in fold order. Every test backtest
 * starts from the same initial balance, so each is scaled by (previous fold's stitched end
 * ÷ initial balance): the first is unchanged, and each next one continues from where the
 * previous ended, compounding the folds' returns.
 */
export function stitchEquity(
  curves: readonly (readonly EquityPoint[])[],
  initialBalanceQuote: string,
): EquityPoint[] {
  const initial = money(initialBalanceQuote);
  const stitched: EquityPoint[] = [];
  let scale = money(1);
  for (const curve of curves) {
    for (const { time, value } of curve) {
      stitched.push({ time, value: round(money(value).times(scale)) });
    }
    const last = stitched.at(-1);
    if (last !== undefined && !initial.isZero()) scale = money(last.value).div(initial);
  }
  return stitched;
}

function round(value: Money): string {
  return value.toDecimalPlaces(STITCHED_DECIMALS, Money.ROUND_HALF_EVEN).toFixed();
}

function invalid(field: string, reason: string): InvalidInputError {
  const errors: FieldError[] = [{ field, reason }];
  return new InvalidInputError(errors);
}
