import { MAX_DELIVERY_ATTEMPTS, notificationRetryDelay } from './retry-delay';

describe('notificationRetryDelay', () => {
  it('doubles from the base with no jitter at the midpoint', () => {
    const delays = [1, 2, 3, 7].map((n) => notificationRetryDelay(n, 30_000, () => 0.5));
    expect(delays).toEqual([30_000, 60_000, 120_000, 1_920_000]);
  });

  it('spreads each delay by at most 20 % either way', () => {
    expect(notificationRetryDelay(3, 1000, () => 0)).toBe(3200);
    expect(notificationRetryDelay(3, 1000, () => 0.999999)).toBe(4800);
    for (let i = 0; i < 1000; i++) {
      const delay = notificationRetryDelay(2, 1000);
      expect(delay).toBeGreaterThanOrEqual(1600);
      expect(delay).toBeLessThanOrEqual(2400);
    }
  });

  it('spans about an hour over 8 attempts with the default base', () => {
    expect(MAX_DELIVERY_ATTEMPTS).toBe(8);
    const total = (random: () => number) =>
      Array.from({ length: MAX_DELIVERY_ATTEMPTS - 1 }, (_, i) =>
        notificationRetryDelay(i + 1, 30_000, random),
      ).reduce((sum, delay) => sum + delay, 0);
    expect(total(() => 0.5) / 60_000).toBeCloseTo(63.5, 1);
    expect(total(() => 0) / 60_000).toBeGreaterThan(50);
    expect(total(() => 1) / 60_000).toBeLessThan(77);
  });
});
