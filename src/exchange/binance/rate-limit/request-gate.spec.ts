import { InMemoryRateLimitStore } from './rate-limit-store';
import { RateLimitWaitError, RequestGate } from './request-gate';
import { backoffMs, ceilingFor, fitsBudget, untilNextWindow, windowStart } from './weight-budget';

// 10 s into a minute.
const T = Date.UTC(2025, 0, 6, 12, 0, 10);

describe('weight budget', () => {
  it('counts in minute windows aligned to the clock', () => {
    expect(windowStart(T)).toBe(T - 10_000);
    expect(untilNextWindow(T)).toBe(50_000);
    expect(fitsBudget(4790, 10, 4800)).toBe(true);
    expect(fitsBudget(4791, 10, 4800)).toBe(false);
  });

  it('leaves market data only what is above the trading reserve', () => {
    expect(ceilingFor('trading', 4800, 2400)).toBe(4800);
    expect(ceilingFor('market-data', 4800, 2400)).toBe(2400);
    expect(ceilingFor('market-data', 4800, 5000)).toBe(0);
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
  const gate = (options: { budget?: number; tradingReserve?: number; maxWaitMs?: number } = {}) =>
    new RequestGate(store, 'api.binance.com', {
      ...options,
      clock: () => now,
      sleep: async (ms, signal) => {
        signal?.throwIfAborted();
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

  describe('the trading reserve', () => {
    const marketData = { priority: 'market-data', maxWaitMs: 0 } as const;

    it('stops market data at the reserve while trading goes on to the budget', async () => {
      const limited = gate({ budget: 100, tradingReserve: 40 });
      for (let i = 0; i < 30; i++) await limited.admit(2, marketData);
      const refused = limited.admit(2, marketData);
      await expect(refused).rejects.toMatchObject({
        held: 'budget',
        priority: 'market-data',
        waitMs: 50_000,
        message: 'the Binance weight above the trading reserve is spent for another 50 s',
      });
      // The reserve is whole: an order, its lookup and the account still go at once.
      await limited.admit(20);
      await limited.admit(1);
      await limited.admit(4);
      await limited.admit(15);
      expect(slept).toEqual([]);
      expect(await limited.usedNow()).toBe(100);
    });

    it('counts trading against the share of market data too, never the other way round', async () => {
      const limited = gate({ budget: 100, tradingReserve: 40 });
      await limited.admit(59);
      await limited.admit(1, marketData);
      await expect(limited.admit(1, marketData)).rejects.toBeInstanceOf(RateLimitWaitError);
      await limited.admit(40);
      expect(await limited.usedNow()).toBe(100);
    });

    it('is shared by every client of the store (every worker, with Redis)', async () => {
      const first = gate({ budget: 100, tradingReserve: 40 });
      const second = gate({ budget: 100, tradingReserve: 40 });
      await first.admit(60, marketData);
      await expect(second.admit(2, marketData)).rejects.toMatchObject({ held: 'budget' });
      await second.admit(40);
    });

    it('lets a patient market-data request wait for the next minute, until its caller leaves', async () => {
      const limited = gate({ budget: 100, tradingReserve: 40 });
      await limited.admit(60, marketData);
      await limited.admit(2, { priority: 'market-data', maxWaitMs: 60_000 });
      expect(slept).toEqual([50_000]);

      const left = new AbortController();
      left.abort(new Error('the client went away'));
      await expect(
        limited.admit(2, { priority: 'market-data', maxWaitMs: 60_000, signal: left.signal }),
      ).rejects.toThrow('the client went away');
    });

    it('says a ban is a ban, whatever the priority', async () => {
      const limited = gate();
      await limited.holdFor(3000);
      await expect(limited.admit(2, marketData)).rejects.toMatchObject({
        held: 'ban',
        message: 'Binance rate limit: no request may be sent for another 3 s',
      });
    });
  });
});
