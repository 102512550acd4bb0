/**
 * A deterministic, non-trivial close series for indicator and strategy specs: two sine
 * waves plus seeded noise (mulberry32), so runs and reference libraries see the same data.
 */
export function sampleCloses(count: number, seed = 42): number[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const closes: number[] = [];
  for (let i = 0; i < count; i++) {
    closes.push(100 + 8 * Math.sin(i / 9) + 3 * Math.sin(i / 2.3) + (random() - 0.5) * 4);
  }
  return closes;
}
