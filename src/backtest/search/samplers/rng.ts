import { type RandomGenerator, unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';

/** A seeded stream of draws: the same seed gives the same draws on every machine. */
export class SeededRandom {
  private readonly generator: RandomGenerator;

  constructor(seed: number) {
    this.generator = xoroshiro128plus(seed);
  }

  /** A whole number in [0, n). */
  int(n: number): number {
    return unsafeUniformIntDistribution(0, n - 1, this.generator);
  }

  /** A double in [0, 1) with 53 random bits. */
  float(): number {
    const high = unsafeUniformIntDistribution(0, 2 ** 26 - 1, this.generator);
    const low = unsafeUniformIntDistribution(0, 2 ** 27 - 1, this.generator);
    return (high * 2 ** 27 + low) / 2 ** 53;
  }

  /** A standard normal draw (Box-Muller). */
  normal(): number {
    const u = 1 - this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }
}
