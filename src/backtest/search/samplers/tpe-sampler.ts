import type { Sampler, SearchParams, SearchSpace, SpaceDimension } from '../optimization.types';
import { levelIndex, levels, pointAt } from '../search-space';
import { DistinctPoints } from './distinct-points';
import { categoricalLogRatio, ParzenEstimator } from './parzen-estimator';
import { SeededRandom } from './rng';

export interface TpeOptions {
  /** Points drawn uniformly before the model takes over. */
  startup?: number;
  /** Draws from the good density per dimension, of which the best ratio is kept. */
  candidates?: number;
  /** Share of the scored points that form the good density. */
  gamma?: number;
}

interface Observation {
  indexes: number[];
  score: number | null;
}

/** Good points at most, as Optuna caps them: more would flatten the good density. */
const MAX_GOOD = 25;

/**
 * Tree-structured Parzen Estimator (Bergstra et al. 2011), maximizing the score: the told
 * points are split at the gamma quantile into good and bad, each dimension gets a density
 * per group, and each new level is the candidate drawn from the good density with the
 * highest good/bad ratio. Unscored points count as bad. Ask small batches, tell, ask again.
 */
export class TpeSampler implements Sampler {
  private readonly random: SeededRandom;
  private readonly distinct: DistinctPoints;
  private readonly observations: Observation[] = [];
  private readonly startup: number;
  private readonly candidates: number;
  private readonly gamma: number;
  private asked = 0;

  constructor(
    private readonly space: SearchSpace,
    seed: number,
    options: TpeOptions = {},
  ) {
    this.random = new SeededRandom(seed);
    this.distinct = new DistinctPoints(space);
    this.startup = options.startup ?? 10;
    this.candidates = options.candidates ?? 24;
    this.gamma = options.gamma ?? 0.25;
  }

  ask(n: number): SearchParams[] {
    const scored = this.observations.filter((o) => o.score !== null).length;
    const model = this.asked >= this.startup && scored >= 2 ? this.model() : undefined;
    const points: SearchParams[] = [];
    while (points.length < n) {
      const indexes = this.distinct.draw(
        () => this.space.dimensions.map((d) => this.random.int(levels(d))),
        model?.draw,
      );
      if (indexes === undefined) break;
      this.asked++;
      points.push(pointAt(this.space, indexes));
    }
    return points;
  }

  tell(points: readonly { params: SearchParams; score: number | null }[]): void {
    for (const { params, score } of points) {
      const indexes = this.space.dimensions.map((d) => levelIndex(d, params[d.key]));
      if (indexes.every((index) => index >= 0)) {
        this.observations.push({ indexes, score: Number.isFinite(score) ? score : null });
      }
    }
  }

  private model(): { draw: () => number[] } {
    // Best first; unscored last, in the bad group whatever gamma says.
    const sorted = [...this.observations].sort(
      (a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity),
    );
    const scored = sorted.filter((o) => o.score !== null).length;
    const good = Math.min(Math.max(1, Math.ceil(this.gamma * sorted.length)), MAX_GOOD, scored);
    const above = sorted.slice(0, good);
    const below = sorted.slice(good);
    const perDimension = this.space.dimensions.map((dimension, d) =>
      this.dimensionModel(
        dimension,
        above.map((o) => o.indexes[d]),
        below.map((o) => o.indexes[d]),
      ),
    );
    return { draw: () => perDimension.map((draw) => draw()) };
  }

  /** Draws `candidates` levels from the good density and keeps the best ratio. */
  private dimensionModel(dimension: SpaceDimension, good: number[], bad: number[]): () => number {
    const count = levels(dimension);
    if (dimension.kind === 'values') {
      return () => {
        let best = 0;
        let bestRatio = -Infinity;
        for (let i = 0; i < this.candidates; i++) {
          const level = sampleCategorical(good, count, this.random);
          const ratio = categoricalLogRatio(level, good, bad, count);
          if (ratio > bestRatio) [best, bestRatio] = [level, ratio];
        }
        return best;
      };
    }
    const l = new ParzenEstimator(good, count);
    const g = new ParzenEstimator(bad, count);
    // The model is fixed for a batch: each level's ratio is worked out once.
    const ratios = new Map<number, number>();
    const ratioOf = (level: number) => {
      let ratio = ratios.get(level);
      if (ratio === undefined) ratios.set(level, (ratio = l.logMass(level) - g.logMass(level)));
      return ratio;
    };
    return () => {
      let best = 0;
      let bestRatio = -Infinity;
      for (let i = 0; i < this.candidates; i++) {
        const level = l.sample(this.random);
        const ratio = ratioOf(level);
        if (ratio > bestRatio) [best, bestRatio] = [level, ratio];
      }
      return best;
    };
  }
}

/** A level drawn with weight count + 1 among the good points (the +1 a uniform prior). */
function sampleCategorical(good: number[], count: number, random: SeededRandom): number {
  const pick = random.int(good.length + count);
  return pick < good.length ? good[pick] : pick - good.length;
}
