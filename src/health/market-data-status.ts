import { Injectable } from '@nestjs/common';

/**
 * Since when this process has not reached the exchange for market data (paper bots are on
 * the simulated feed meanwhile): the market data service tells it, /health reads it.
 */
@Injectable()
export class MarketDataStatus {
  private since?: Date;

  unreachable(at = new Date()): void {
    this.since ??= at;
  }

  reachable(): void {
    this.since = undefined;
  }

  unreachableSince(): Date | undefined {
    return this.since;
  }
}
