import type { Sampler, SearchParams, SearchSpace } from '../optimization.types';
import { levels, pointAt } from '../search-space';
import { SeededRandom } from './rng';
import { DistinctPoints } from './distinct-points';

/** Uniform levels per dimension from a seed; no point twice, fewer once the space is spent. */
export class RandomSampler implements Sampler {
  private readonly random: SeededRandom;
  private readonly distinct: DistinctPoints;

  constructor(
    private readonly space: SearchSpace,
    seed: number,
  ) {
    this.random = new SeededRandom(seed);
    this.distinct = new DistinctPoints(space);
  }

  ask(n: number): SearchParams[] {
    const points: SearchParams[] = [];
    while (points.length < n) {
      const indexes = this.distinct.draw(() =>
        this.space.dimensions.map((dimension) => this.random.int(levels(dimension))),
      );
      if (indexes === undefined) break;
      points.push(pointAt(this.space, indexes));
    }
    return points;
  }

  tell(): void {
    // Uniform draws learn nothing.
  }
}
