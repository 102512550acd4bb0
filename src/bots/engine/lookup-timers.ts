import type { Logger } from '@nestjs/common';

type LookUp = (botId: string, orderId: string) => Promise<unknown>;

/**
 * The next lookups of orders whose outcome is unknown (and the first send of a sale a stop
 * left for such an order to settle first), kept by the process that left them so:
 * no tick may come for a minute or more, and the sweep runs once a minute. A timer lost with
 * its process costs only time: the order's claim runs out at the same moment, and the next
 * tick or sweep takes it up.
 */
export class LookupTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  private closed = false;

  constructor(
    private readonly lookUp: LookUp,
    private readonly logger: Logger,
  ) {}

  /** Looks the order up at `at` (replacing any lookup already planned for it). */
  schedule(botId: string, orderId: string, at: Date): void {
    if (this.closed) return;
    clearTimeout(this.timers.get(orderId));
    const timer = setTimeout(
      () => {
        this.timers.delete(orderId);
        // A timer may fire a millisecond early; the claim it needs runs out at `at` exactly.
        if (Date.now() < at.getTime()) return this.schedule(botId, orderId, at);
        const run = this.lookUp(botId, orderId)
          .catch((error: Error) =>
            this.logger.warn(`could not look order ${orderId} up: ${error.message}`),
          )
          .finally(() => this.running.delete(run));
        this.running.add(run);
      },
      Math.max(0, at.getTime() - Date.now()),
    );
    timer.unref();
    this.timers.set(orderId, timer);
  }

  /** Plans nothing more, and waits for the lookups under way. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.all(this.running);
  }
}
