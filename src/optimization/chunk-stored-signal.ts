import { Injectable } from '@nestjs/common';

/**
 * Wakes this process's coordinators as soon as a chunk is stored here, so they count its
 * points at once rather than at their next poll; chunks another process stores (scale-out)
 * are found by the poll.
 */
@Injectable()
export class ChunkStoredSignal {
  private stored = 0;
  private waiters = new Set<() => void>();

  /** Chunks stored in this process so far: what `after` compares against. */
  get count(): number {
    return this.stored;
  }

  /** A chunk's points are stored. */
  notify(): void {
    this.stored++;
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /** Resolves once a chunk is stored after `count` was read, or after `ms`. */
  after(count: number, ms: number): Promise<void> {
    if (this.stored !== count) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.waiters.add(wake);
    });
  }
}
