import { Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One labelled value of a gauge that is read when scraped. */
export interface Sample<L extends string> {
  labels: Record<L, string>;
  value: number;
}

const PREFIX = 'tradebot_';

/**
 * This process's Prometheus metrics, in a registry of its own (not prom-client's global
 * one): every app built in one process, as the e2e tests build them, counts for itself.
 * Counters are incremented where things happen; gauges of shared state (bots, queues,
 * exchange weight) are read from their owners when scraped, by `sampledGauge`.
 */
@Injectable()
export class AppMetrics {
  readonly registry = new Registry();
  private readonly logger = new Logger(AppMetrics.name);

  /** Labelled by the runner's TickOutcome, or `error` when the tick threw (and is retried). */
  readonly ticks = new Counter({
    name: `${PREFIX}ticks_total`,
    help: 'Ticks run, by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly tickDuration = new Histogram({
    name: `${PREFIX}tick_duration_seconds`,
    help: 'Time a tick job took, lock, decision and any order included',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly tickLag = new Histogram({
    name: `${PREFIX}tick_lag_seconds`,
    help: "From the candle's close to the start of its tick",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  /** Orders by how they settled: filled, rejected, or dropped before reaching the exchange. */
  readonly orders = new Counter({
    name: `${PREFIX}orders_total`,
    help: 'Orders settled, by mode, side and final status',
    labelNames: ['mode', 'side', 'status'] as const,
    registers: [this.registry],
  });

  /** `status` is the HTTP status, or `error` when no response came (timeout, refused). */
  readonly exchangeRequests = new Counter({
    name: `${PREFIX}exchange_requests_total`,
    help: 'Requests sent to the exchange, by host and response status',
    labelNames: ['host', 'status'] as const,
    registers: [this.registry],
  });

  readonly deliveries = new Counter({
    name: `${PREFIX}notification_deliveries_total`,
    help: 'Notification delivery attempts, by channel type and outcome',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
  }

  /**
   * A tick, measured: its lag behind the candle's close (`slot`), its duration and its
   * outcome (`error` when it throws).
   */
  async measureTick<O extends string>(slot: number, tick: () => Promise<O>): Promise<O> {
    this.tickLag.observe(Math.max(0, Date.now() - slot) / 1000);
    const stopTimer = this.tickDuration.startTimer();
    let outcome: O | 'error' = 'error';
    try {
      outcome = await tick();
      return outcome;
    } finally {
      stopTimer();
      this.ticks.inc({ outcome });
    }
  }

  /**
   * A gauge whose values are read when scraped. A read that fails leaves the gauge empty
   * for that scrape (and says why in the log) rather than failing the whole scrape: the
   * process's other numbers matter most when something is down.
   */
  sampledGauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    read: () => Promise<Sample<L>[]>,
  ): void {
    const logger = this.logger;
    new Gauge<L>({
      name: `${PREFIX}${name}`,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        try {
          for (const { labels, value } of await read()) this.set(labels, value);
        } catch (error) {
          logger.warn(`metric ${PREFIX}${name} not read: ${(error as Error).message}`);
        }
      },
    });
  }
}
