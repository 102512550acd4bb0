import type { SearchSpace } from '../optimization.types';
import { gridIndexes } from './grid-sampler';

/** Draws of a fresh point before falling back: from the model, then uniform. */
const MODEL_DRAWS = 16;
const UNIFORM_DRAWS = 64;

/**
 * The level indexes already handed out, so a sampler never runs a point twice: a backtest
 * is deterministic, a repeat would only cost time.
 */
export class DistinctPoints {
  private readonly given = new Set<string>();
  private scan = 0;

  constructor(private readonly space: SearchSpace) {}

  /**
   * A point not given before: from `model` if given, else from `uniform`, else the next
   * unseen grid point; undefined once every point was given.
   */
  draw(uniform: () => number[], model?: () => number[]): number[] | undefined {
    if (this.given.size >= this.space.size) return undefined;
    for (const [draw, times] of [
      [model, MODEL_DRAWS],
      [uniform, UNIFORM_DRAWS],
    ] as const) {
      for (let i = 0; draw !== undefined && i < times; i++) {
        const indexes = draw();
        if (this.claim(indexes)) return indexes;
      }
    }
    while (this.scan < this.space.size) {
      const indexes = gridIndexes(this.space, this.scan++);
      if (this.claim(indexes)) return indexes;
    }
    return undefined;
  }

  private claim(indexes: number[]): boolean {
    const key = indexes.join(',');
    if (this.given.has(key)) return false;
    this.given.add(key);
    return true;
  }
}
