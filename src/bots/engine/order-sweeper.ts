import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { OrderRepository } from '../../database/repositories/order.repository';
import { BotRunnerService } from './bot-runner.service';

const SWEEP_EVERY_MS = 60_000;
/** Per sweep: a backlog larger than this is the next sweep's. */
const BATCH = 200;
export const ORDER_SWEEP_JOB = 'order-sweep';

/**
 * Settles every intent still `sending` once its claim has run out: the manual close of a
 * stopped bot whose outcome was unknown, the intent of a worker that died, anything no
 * tick will come back for. It runs when a worker starts and then every minute; claims keep
 * it from racing ticks and other workers, so sweeping twice is harmless.
 */
@Injectable()
export class OrderSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OrderSweeper.name);
  private running?: Promise<number>;
  private closing = false;

  constructor(
    private readonly orders: OrderRepository,
    private readonly runner: BotRunnerService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.sweepIfWorker();
  }

  @Interval(ORDER_SWEEP_JOB, SWEEP_EVERY_MS)
  async sweepIfWorker(): Promise<void> {
    // An API-only process (JOB_CONCURRENCY=0) leaves orders to the workers that run jobs.
    if (this.config.jobConcurrency > 0 && !this.closing) await this.sweep();
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    await this.running;
  }

  /** Settles what is due now; resolves to how many intents it took up. */
  sweep(): Promise<number> {
    this.running ??= this.sweepOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepOnce(): Promise<number> {
    const now = Date.now();
    let due: { id: string; botId: string }[];
    try {
      due = await this.orders.findUnclaimedSending(
        new Date(now),
        new Date(now - this.config.orderGraceMs),
        BATCH,
      );
    } catch (error) {
      this.logger.warn(`could not look for unresolved orders: ${(error as Error).message}`);
      return 0;
    }
    for (const order of due) {
      try {
        const outcome = await this.runner.resolveOrder(order.botId, order.id);
        this.logger.log(`unresolved order ${order.id} of bot ${order.botId}: ${outcome}`);
      } catch (error) {
        this.logger.warn(`could not settle order ${order.id}: ${(error as Error).message}`);
      }
    }
    return due.length;
  }
}
