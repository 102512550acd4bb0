import type { Sampler, SearchParams, SearchSpace } from '../optimization.types';
import { levels, pointAt } from '../search-space';

/**
 * Every point of the space once, in a fixed order: the first key varies slowest, the last
 * fastest, each from its first level (a range's min, a list's first value).
 */
export class GridSampler implements Sampler {
  private next = 0;

  constructor(private readonly space: SearchSpace) {}

  ask(n: number): SearchParams[] {
    const points: SearchParams[] = [];
    while (points.length < n && this.next < this.space.size) {
      points.push(pointAt(this.space, gridIndexes(this.space, this.next++)));
    }
    return points;
  }

  tell(): void {
    // A grid's order does not depend on scores.
  }
}

/** The level indexes of grid point `ordinal` (mixed radix, last dimension fastest). */
export function gridIndexes(space: SearchSpace, ordinal: number): number[] {
  const indexes = new Array<number>(space.dimensions.length);
  let rest = ordinal;
  for (let d = space.dimensions.length - 1; d >= 0; d--) {
    const radix = levels(space.dimensions[d]);
    indexes[d] = rest % radix;
    rest = Math.floor(rest / radix);
  }
  return indexes;
}
