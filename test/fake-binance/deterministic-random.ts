/**
 * A number in [0, 1) that depends only on `key` (FNV-1a, then a murmur finalizer), so that
 * market data is the same on every run and every request without storing it.
 */
export function unitHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 0x100000000;
}

export interface RandomWalkOptions {
  seed: string | number;
  /** Price at index 0. */
  start: number;
  /** Largest log-return of one step (uniformly distributed in ±volatility). */
  volatility: number;
}

/**
 * A geometric random walk defined for every integer index, negative ones included, so a
 * path anchored at "now" also has history. Steps are memoized: each index is computed once.
 */
export function randomWalk({
  seed,
  start,
  volatility,
}: RandomWalkOptions): (index: number) => number {
  const logReturn = (i: number) => (unitHash(`${seed}:${i}`) * 2 - 1) * volatility;
  const forward = [start];
  const backward = [start];
  return (index) => {
    if (index >= 0) {
      for (let i = forward.length; i <= index; i++) {
        forward.push(forward[i - 1] * Math.exp(logReturn(i)));
      }
      return forward[index];
    }
    for (let i = backward.length; i <= -index; i++) {
      backward.push(backward[i - 1] / Math.exp(logReturn(-i + 1)));
    }
    return backward[-index];
  };
}
