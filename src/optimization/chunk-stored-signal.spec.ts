import { jest } from '@jest/globals';
import { ChunkStoredSignal } from './chunk-stored-signal';

describe('ChunkStoredSignal', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const settled = async (promise: Promise<void>) => {
    let done = false;
    void promise.then(() => (done = true));
    await Promise.resolve();
    await Promise.resolve();
    return done;
  };

  it('wakes a waiter as soon as a chunk is stored', async () => {
    const signal = new ChunkStoredSignal();
    const waiting = signal.after(signal.count, 10_000);
    expect(await settled(waiting)).toBe(false);
    signal.notify();
    expect(await settled(waiting)).toBe(true);
  });

  it('does not wait when a chunk was stored since the count was read', async () => {
    const signal = new ChunkStoredSignal();
    const seen = signal.count;
    signal.notify();
    expect(await settled(signal.after(seen, 10_000))).toBe(true);
  });

  it('gives up after the wait, for chunks stored by other processes', async () => {
    const signal = new ChunkStoredSignal();
    const waiting = signal.after(signal.count, 200);
    jest.advanceTimersByTime(199);
    expect(await settled(waiting)).toBe(false);
    jest.advanceTimersByTime(1);
    expect(await settled(waiting)).toBe(true);
  });
});
