import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { JobQueue } from '../../queue/job-queue';
import { JobName, jobId } from '../../queue/queue.constants';
import { utcDay } from '../../risk/daily-limits';

export const DAILY_RESET_JOB = 'daily-reset';
/** A timer that fires a moment before midnight must still name the new day. */
const EARLY_FIRE_SLACK_MS = 60_000;

/**
 * 00:00 UTC: enqueues the day's reset; its job id is the day, so many workers make one job.
 * At start it enqueues today's too: a process that was down at midnight would otherwise
 * leave the bots a daily limit paused waiting a whole day. The reset only moves a bot's day
 * forward, so enqueueing a day that already ran changes nothing.
 */
@Injectable()
export class DailyResetCron implements OnApplicationBootstrap {
  private readonly logger = new Logger(DailyResetCron.name);

  constructor(
    private readonly queue: JobQueue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.cronEnabled) await this.enqueue(utcDay(Date.now()));
  }

  @Cron('0 0 * * *', { name: DAILY_RESET_JOB, timeZone: 'UTC' })
  atMidnight(): Promise<void> {
    return this.enqueue(utcDay(Date.now() + EARLY_FIRE_SLACK_MS));
  }

  private async enqueue(day: string): Promise<void> {
    try {
      await this.queue.add([
        { name: JobName.DailyReset, data: { day }, id: jobId.dailyReset({ day }) },
      ]);
    } catch (error) {
      this.logger.error(
        `enqueueing the daily reset for ${day} failed: ${(error as Error).message}`,
      );
    }
  }
}
