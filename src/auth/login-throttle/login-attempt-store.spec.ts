import { InMemoryLoginAttemptStore } from './login-attempt-store';

describe('InMemoryLoginAttemptStore', () => {
  let now: number;
  const clock = () => now;

  beforeEach(() => (now = 1_000_000));

  it('counts up to the limit, then answers how long until the window ends', async () => {
    const store = new InMemoryLoginAttemptStore(100, clock);
    for (let attempt = 0; attempt < 3; attempt++) {
      await expect(store.take(['a'], 3, 60_000)).resolves.toBe(0);
      now += 1000;
    }
    await expect(store.take(['a'], 3, 60_000)).resolves.toBe(57_000);
    now += 56_999;
    await expect(store.take(['a'], 3, 60_000)).resolves.toBe(1);
    now += 1;
    await expect(store.take(['a'], 3, 60_000)).resolves.toBe(0);
  });

  it('refuses when any key is full, and then counts on none of them', async () => {
    const store = new InMemoryLoginAttemptStore(100, clock);
    await store.take(['account'], 1, 60_000);
    await expect(store.take(['account', 'address'], 1, 60_000)).resolves.toBe(60_000);
    await expect(store.take(['address'], 1, 60_000)).resolves.toBe(0);
  });

  it('takes an attempt back, never below zero and never on an ended window', async () => {
    const store = new InMemoryLoginAttemptStore(100, clock);
    await store.take(['a'], 2, 60_000);
    await store.take(['a'], 2, 60_000);
    await store.giveBack(['a']);
    await expect(store.take(['a'], 2, 60_000)).resolves.toBe(0);
    await expect(store.take(['a'], 2, 60_000)).resolves.toBe(60_000);
    now += 60_000;
    await store.giveBack(['a', 'b']);
    await store.giveBack(['a']);
    await expect(store.take(['a'], 1, 60_000)).resolves.toBe(0);
    await expect(store.take(['a'], 1, 60_000)).resolves.toBe(60_000);
  });

  it('keeps at most maxKeys, forgetting the oldest windows first', async () => {
    const store = new InMemoryLoginAttemptStore(2, clock);
    for (const key of ['first', 'second', 'third']) {
      await store.take([key], 1, 60_000);
      now += 1;
    }
    await expect(store.take(['first'], 1, 60_000)).resolves.toBe(0);
    await expect(store.take(['third'], 1, 60_000)).resolves.toBeGreaterThan(0);
  });
});
