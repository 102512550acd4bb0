import type { Sampler, SearchParams, SearchSpace } from '../optimization.types';
import { parseSearchSpace } from '../search-space';
import { schemaStrategy } from '../testing/schema-strategy';
import { GridSampler } from './grid-sampler';
import { RandomSampler } from './random-sampler';
import { TpeSampler } from './tpe-sampler';

const key = (p: SearchParams) => JSON.stringify(p);

function smallSpace(): SearchSpace {
  return parseSearchSpace(
    { period: { min: 2, max: 4, step: 1 }, source: { values: ['close', 'hl2'] } },
    schemaStrategy,
  );
}

describe('GridSampler', () => {
  it('walks every point once, first key slowest, and then gives nothing', () => {
    const grid = new GridSampler(smallSpace());
    expect(grid.ask(4)).toEqual([
      { period: 2, source: 'close' },
      { period: 2, source: 'hl2' },
      { period: 3, source: 'close' },
      { period: 3, source: 'hl2' },
    ]);
    expect(grid.ask(10)).toEqual([
      { period: 4, source: 'close' },
      { period: 4, source: 'hl2' },
    ]);
    expect(grid.ask(1)).toEqual([]);
  });
});

describe('RandomSampler', () => {
  const big = parseSearchSpace(
    { period: { min: 2, max: 100, step: 1 }, level: { min: 0.01, max: 1, step: 0.01 } },
    schemaStrategy,
  );

  it('gives the same points for the same seed, other points for another', () => {
    const a = new RandomSampler(big, 7).ask(20);
    expect(new RandomSampler(big, 7).ask(20)).toEqual(a);
    expect(new RandomSampler(big, 8).ask(20)).not.toEqual(a);
  });

  it('asked in batches, gives what it gives in one ask', () => {
    const sampler = new RandomSampler(big, 3);
    const batched = [...sampler.ask(7), ...sampler.ask(13)];
    expect(batched).toEqual(new RandomSampler(big, 3).ask(20));
  });

  it('spreads over the whole range', () => {
    const periods = new RandomSampler(big, 1).ask(2000).map((p) => p.period as number);
    expect(Math.min(...periods)).toBe(2);
    expect(Math.max(...periods)).toBe(100);
  });

  it('never repeats a point, and covers a small space then stops', () => {
    const points = new RandomSampler(smallSpace(), 5).ask(100);
    expect(points).toHaveLength(6);
    expect(new Set(points.map(key)).size).toBe(6);
  });
});

/** Runs a sampler on `f` (maximized) in batches; returns the best value found. */
function optimize(sampler: Sampler, f: (p: SearchParams) => number, trials: number, batch = 4) {
  let best = -Infinity;
  for (let done = 0; done < trials;) {
    const points = sampler.ask(Math.min(batch, trials - done));
    if (points.length === 0) break;
    done += points.length;
    const scored = points.map((params) => ({ params, score: f(params) }));
    for (const { score } of scored) best = Math.max(best, score);
    sampler.tell(scored);
  }
  return best;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

describe('TpeSampler', () => {
  // Maximum 0 at period 63, level 0.27, on a 99 x 100 grid.
  const quadraticSpace = parseSearchSpace(
    { period: { min: 2, max: 100, step: 1 }, level: { min: 0.01, max: 1, step: 0.01 } },
    schemaStrategy,
  );
  const quadratic = (p: SearchParams) =>
    -(((p.period as number) - 63) ** 2 / 98 ** 2) - ((p.level as number) - 0.27) ** 2;

  // A discrete function: best at period 17 with hl2 and smooth; categoricals matter.
  const discreteSpace = parseSearchSpace(
    {
      period: { min: 2, max: 50, step: 1 },
      source: { values: ['close', 'hl2'] },
      smooth: { values: [false, true] },
    },
    schemaStrategy,
  );
  const discrete = (p: SearchParams) =>
    -Math.abs((p.period as number) - 17) + (p.source === 'hl2' ? 10 : 0) + (p.smooth ? 5 : 0);

  it('comes within 0.002 of the quadratic maximum in 80 trials with seed 42', () => {
    expect(optimize(new TpeSampler(quadraticSpace, 42), quadratic, 80)).toBeGreaterThan(-0.002);
  });

  it('on the quadratic, beats the median of random search over eleven seeds', () => {
    const tpe = median(
      SEEDS.map((s) => optimize(new TpeSampler(quadraticSpace, s), quadratic, 60)),
    );
    const random = median(
      SEEDS.map((s) => optimize(new RandomSampler(quadraticSpace, s), quadratic, 60)),
    );
    expect(tpe).toBeGreaterThan(random);
  });

  it('finds the discrete optimum in 60 trials with seed 42, and beats random there', () => {
    expect(optimize(new TpeSampler(discreteSpace, 42), discrete, 60)).toBe(15);
    const tpe = median(SEEDS.map((s) => optimize(new TpeSampler(discreteSpace, s), discrete, 40)));
    const random = median(
      SEEDS.map((s) => optimize(new RandomSampler(discreteSpace, s), discrete, 40)),
    );
    expect(tpe).toBeGreaterThan(random);
  });

  it('is reproducible from its seed and its tells', () => {
    const run = () => {
      const sampler = new TpeSampler(quadraticSpace, 9);
      optimize(sampler, quadratic, 30);
      return sampler.ask(5);
    };
    expect(run()).toEqual(run());
  });

  it('counts unscored points as bad and never repeats a point', () => {
    const space = smallSpace();
    const sampler = new TpeSampler(space, 1, { startup: 2 });
    const seen: SearchParams[] = [];
    for (let i = 0; i < 10; i++) {
      const points = sampler.ask(1);
      seen.push(...points);
      sampler.tell(points.map((params) => ({ params, score: params.source === 'hl2' ? null : 1 })));
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen.map(key)).size).toBe(6);
  });
});
