import type { SeededRandom } from './rng';

/** Smallest mass a level is given, so that a log never meets zero. */
const FLOOR = 1e-300;

/**
 * A density over the levels 0..count-1 of an ordered dimension: a Gaussian at each
 * observed level plus a wide prior at the middle (Bergstra 2011), each truncated to
 * [-0.5, count - 0.5]; a level's mass is its bin [i - 0.5, i + 0.5].
 */
export class ParzenEstimator {
  private readonly mus: number[];
  private readonly sigmas: number[];
  private readonly low: number;
  private readonly high: number;

  constructor(observed: readonly number[], count: number) {
    this.low = -0.5;
    this.high = count - 0.5;
    const width = this.high - this.low;
    const prior = { mu: (count - 1) / 2, sigma: width };
    const points = [...observed.map((mu) => ({ mu, sigma: 0 })), prior].sort((a, b) => a.mu - b.mu);
    // A point's bandwidth is the farther of its neighbours (the bounds at the ends), clipped.
    const smallest = width / Math.min(100, points.length);
    points.forEach((point, i) => {
      if (point === prior) return;
      const left = i > 0 ? points[i - 1].mu : this.low;
      const right = i < points.length - 1 ? points[i + 1].mu : this.high;
      point.sigma = Math.min(Math.max(point.mu - left, right - point.mu, smallest), width);
    });
    this.mus = points.map((p) => p.mu);
    this.sigmas = points.map((p) => p.sigma);
  }

  /** A level drawn from the mixture: a component at random, then its truncated Gaussian. */
  sample(random: SeededRandom): number {
    const c = random.int(this.mus.length);
    for (let tries = 0; tries < 100; tries++) {
      const x = this.mus[c] + this.sigmas[c] * random.normal();
      if (x > this.low && x < this.high) return Math.round(x);
    }
    return Math.round(Math.min(Math.max(this.mus[c], 0), this.high - 0.5));
  }

  logMass(level: number): number {
    let mass = 0;
    for (let c = 0; c < this.mus.length; c++) {
      const [mu, sigma] = [this.mus[c], this.sigmas[c]];
      const inside = normalMass((this.low - mu) / sigma, (this.high - mu) / sigma);
      mass += normalMass((level - 0.5 - mu) / sigma, (level + 0.5 - mu) / sigma) / inside;
    }
    return Math.log(Math.max(mass / this.mus.length, FLOOR));
  }
}

/** log(l / g) of a categorical level: weights are counts in the group plus one. */
export function categoricalLogRatio(
  level: number,
  good: readonly number[],
  bad: readonly number[],
  count: number,
): number {
  const weight = (group: readonly number[]) =>
    (group.filter((g) => g === level).length + 1) / (group.length + count);
  return Math.log(weight(good)) - Math.log(weight(bad));
}

/** P(a < Z < b) for a standard normal Z, taken in the nearer tail to keep its digits. */
export function normalMass(a: number, b: number): number {
  if (a >= 0) return upperTail(a) - upperTail(b);
  if (b <= 0) return upperTail(-b) - upperTail(-a);
  return 1 - upperTail(-a) - upperTail(b);
}

/** P(Z > x) for x >= 0: erfc by Abramowitz and Stegun 7.1.26 (error below 1.5e-7). */
function upperTail(x: number): number {
  const z = x / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return 0.5 * poly * Math.exp(-z * z);
}
