import { type AttemptRule, InMemoryLoginAttemptStore } from './login-attempt-store';

const hard = (key: string, limit: number): AttemptRule => ({ key, limit, windowMs: 60_000 });

describe('InMemoryLoginAttemptStore', () => {
  let now: number;
  const clock = () => now;

  beforeEach(() => (now = 1_000_000));

  it('counts up to the limit, then answers how long until the window ends', async () => {
    const store = new InMemoryLoginAttemptStore(100, clock);
    for (let attempt = 0; attempt < 3; attempt++) {
      await expect(store.take([hard('a', 3)])).resolves.toBe(0);
      now += 1000;
    }
    await expect(store.take([hard('a', 3)])).resolves.toBe(57_000);
    now += 56_999;
    await expect(store.take([hard('a', 3)])).resolves.toBe(1);
    now += 1;
    await expect(store.take([hard('a', 3)])).resolves.toBe(0);
  });

  it('refuses when any key is full, and then counts on none of them', async () => {
    const store = new InMemoryLoginAttemptStore(100, clock);
    await store.take([hard('account', 1)]);
    await expect(store.take([hard('account', 1), hard('address', 1)])).resolves.toBe(60_000);
    await expect(store.take([hard('address', 1)])).resolves.toBe(0);
  });

  it('past a back-off limit admits one attempt per delay, doubling up to the window', async () => {
    const store = new InMemoryLoginAttemptStore(100, clock);
    const rule: AttemptRule = { key: 'a', limit: 2, windowMs: 10_000, backoffMs: 1000 };
    await store.take([rule]);
    await store.take([rule]);
    for (const delay of [1000, 2000, 4000]) {
      await expect(store.take([rule])).resolves.toBe(delay);
      now += delay - 1;
      await expect(store.take([rule])).resolves.toBe(1);
      now += 1;
      await expect(store.take([rule])).resolves.toBe(0);
    }
    // 8 s would outlast the window, which ends 7 s after its first attempt: that ends it.
    await expect(store.take([rule])).resolves.toBe(3000);
    now += 3000;
    await expect(store.take([rule])).resolves.toBe(0);
    await expect(store.take([rule])).resolves.toBe(0);
  });

  it('takes an attempt back, never below zero and never on an ended window', async () => {
    const store = new InMemoryLoginAttemptStore(100, clock);
    await store.take([hard('a', 2)]);
    await store.take([hard('a', 2)]);
    await store.giveBack(['a']);
    await expect(store.take([hard('a', 2)])).resolves.toBe(0);
    await expect(store.take([hard('a', 2)])).resolves.toBe(60_000);
    now += 60_000;
    await store.giveBack(['a', 'b']);
    await store.giveBack(['a']);
    await expect(store.take([hard('a', 1)])).resolves.toBe(0);
    await expect(store.take([hard('a', 1)])).resolves.toBe(60_000);
  });

  it('keeps at most maxKeys, forgetting the least recently used first', async () => {
    const store = new InMemoryLoginAttemptStore(2, clock);
    for (const key of ['first', 'second', 'third']) {
      await store.take([hard(key, 1)]);
      now += 1;
    }
    await expect(store.take([hard('first', 1)])).resolves.toBe(0);
    await expect(store.take([hard('third', 1)])).resolves.toBeGreaterThan(0);
  });
});
