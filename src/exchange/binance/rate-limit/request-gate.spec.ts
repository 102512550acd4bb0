import { InMemoryRateLimitStore } from './rate-limit-store';
import { RateLimitWaitError, RequestGate } from './request-gate';
import { backoffMs, fitsBudget, untilNextWindow, windowStart } from './weight-budget';

// 10 s into a minute.
const T = Date.UTC(2025, 0, 6, 12, 0, 10);

describe('weight budget', () => {
  it('counts in minute windows aligned to the clock', () => {
    expect(windowStart(T)).toBe(T - 10_000);
    expect(untilNextWindow(T)).toBe(50_000);
    expect(fitsBudget(4790, 10, 4800)).toBe(true);
    expect(fitsBudget(4791, 10, 4800)).toBe(false);
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(0, 0)).toBe(125);
    expect(backoffMs(0, 1)).toBe(250);
    expect(backoffMs(3, 0.5)).toBe(1500);
    expect(backoffMs(20, 1)).toBe(8000);
  });
});

describe('RequestGate', () => {
  let now: number;
  let slept: number[];
  let store: InMemoryRateLimitStore;
  const gate = (options: { budget?: number; maxWaitMs?: number } = {}) =>
    new RequestGate(store, 'api.binance.com', {
      ...options,
      clock: () => now,
      sleep: async (ms) => {
        slept.push(ms);
        now += ms;
      },
    });

  beforeEach(() => {
    now = T;
    slept = [];
    store = new InMemoryRateLimitStore();
  });

  it('admits requests until the budget of the minute is spent, then waits for the next', async () => {
    const limited = gate({ budget: 50, maxWaitMs: 120_000 });
    await limited.admit(20);
    await limited.admit(20);
    expect(slept).toEqual([]);
    await limited.admit(20);
    expect(slept).toEqual([50_000]);
    expect(now).toBe(T + 50_000);
  });

  it('takes the weight the exchange reports when it is higher than its own count', async () => {
    const limited = gate({ budget: 50, maxWaitMs: 120_000 });
    await limited.admit(1);
    await limited.usedWeight(45);
    await limited.admit(5);
    expect(slept).toEqual([]);
    await limited.admit(1);
    expect(slept).toEqual([50_000]);
  });

  it('sends nothing while held by a 429 or 418, for any client of the store', async () => {
    const first = gate();
    const second = gate();
    await first.holdFor(3000);
    await second.admit(1);
    expect(slept).toEqual([3000]);
    // A shorter hold never cuts a longer one short.
    await second.holdFor(10_000);
    await first.holdFor(1000);
    await first.admit(1);
    expect(slept).toEqual([3000, 10_000]);
  });

  it('refuses at once to wait longer than a caller may', async () => {
    const impatient = gate({ maxWaitMs: 5000 });
    await impatient.holdFor(120_000);
    await expect(impatient.admit(1)).rejects.toBeInstanceOf(RateLimitWaitError);
    await expect(impatient.admit(1)).rejects.toThrow('for another 120 s');
    expect(slept).toEqual([]);
  });
});
