import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { JobQueue } from '../../queue/job-queue';
import { JobName, jobId } from '../../queue/queue.constants';
import { utcDay } from '../../risk/daily-limits';

const DAY_MS = 24 * 3600_000;

/** 00:00 UTC: enqueues the day's reset; its job id is the day, so many workers make one job. */
@Injectable()
export class DailyResetCron implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DailyResetCron.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly queue: JobQueue,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.cronEnabled) this.armNextMidnight();
  }

  onModuleDestroy(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private armNextMidnight(): void {
    const now = Date.now();
    const midnight = Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
    this.timer = setTimeout(() => {
      const day = utcDay(midnight);
      this.queue
        .add([{ name: JobName.DailyReset, data: { day }, id: jobId.dailyReset({ day }) }])
        .catch((error: Error) =>
          this.logger.error(`enqueueing the daily reset failed: ${error.message}`),
        )
        .finally(() => {
          if (this.timer) this.armNextMidnight();
        });
    }, midnight - now);
    this.timer.unref();
  }
}
