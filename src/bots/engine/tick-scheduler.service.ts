import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Cron, CronExpression } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { lastClosedSlot } from '../../kernel/candle';
import { JobQueue } from '../../queue/job-queue';
import { JobName, jobId } from '../../queue/queue.constants';
import { BotConfigRepository } from '../../database/repositories/bot-config.repository';
import { INTERVALS, type Interval } from '../../kernel/interval';

/** Ticks run just after the boundary, so the exchange has rolled its candle over. */
const TICK_DELAY_MS = 250;
export const CANDLE_CLOSES_JOB = 'candle-closes';

/**
 * Cron for candle closes: at each interval boundary, enqueue one tick group per symbol with
 * ticking bots on that interval, with job id interval+symbol+slot; the group's job ticks its
 * bots, each under its own lock. It only enqueues: several schedulers (API and worker
 * processes) enqueue the same ids, and the queue keeps one.
 */
@Injectable()
export class TickSchedulerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(TickSchedulerService.name);
  private closing = false;
  private readonly lastSlot = new Map<Interval, number>();

  constructor(
    private readonly configs: BotConfigRepository,
    private readonly queue: JobQueue,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.cronEnabled) return;
    const now = Date.now();
    for (const interval of INTERVALS) this.lastSlot.set(interval, lastClosedSlot(interval, now));
  }

  /** Nest stops its cron jobs only after the queue has closed: a late second must not enqueue. */
  onModuleDestroy(): void {
    this.closing = true;
  }

  /** Every candle interval is a whole number of seconds, so a check each second sees every close. */
  @Cron(CronExpression.EVERY_SECOND, { name: CANDLE_CLOSES_JOB, waitForCompletion: true })
  async atEverySecond(): Promise<void> {
    await sleep(TICK_DELAY_MS);
    if (this.closing) return;
    await this.enqueueDue(Date.now() - TICK_DELAY_MS).catch((error: Error) =>
      this.logger.error(`scheduling ticks failed: ${error.message}`),
    );
  }

  /** Enqueues the ticks due at `now` for every interval whose candle just closed. */
  async enqueueDue(now: number): Promise<number> {
    const due = INTERVALS.filter(
      (interval) => lastClosedSlot(interval, now) !== this.lastSlot.get(interval),
    );
    if (due.length === 0) return 0;
    // The group's members are read when its job runs: a bot started since is ticked too.
    const groups = await this.configs.findTickGroups(due);
    const jobs = groups.map(({ symbol, interval }) => {
      const data = { symbol, interval, slot: lastClosedSlot(interval, now) };
      return { name: JobName.TickGroup, data, id: jobId.tickGroup(data) };
    });
    await this.queue.add(jobs);
    // Only once queued: after a failed query or enqueue the next second tries these slots
    // again, and the deterministic job ids keep a slot queued twice from ticking twice.
    for (const interval of due) this.lastSlot.set(interval, lastClosedSlot(interval, now));
    return jobs.length;
  }
}
