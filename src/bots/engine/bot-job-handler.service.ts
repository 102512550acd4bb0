import { Injectable } from '@nestjs/common';
import { AppMetrics } from '../../metrics/app-metrics';
import type { JobHandler } from '../../queue/job-queue';
import { type JobData, JobName } from '../../queue/queue.constants';
import { BotRunnerService } from './bot-runner.service';
import { DailyResetService } from './daily-reset.service';
import type { TickOutcome } from './tick-outcome';

/** The one place a job name meets its code, for Bull and the in-process queue alike. */
@Injectable()
export class BotJobHandler implements JobHandler {
  constructor(
    private readonly runner: BotRunnerService,
    private readonly dailyReset: DailyResetService,
    private readonly metrics: AppMetrics,
  ) {}

  handle<N extends JobName>(name: N, data: JobData[N]): Promise<unknown> {
    switch (name) {
      case JobName.Tick: {
        const { botId, slot } = data as JobData[JobName.Tick];
        return this.tick(botId, slot);
      }
      case JobName.ExecuteOrder: {
        const { botId, orderId } = data as JobData[JobName.ExecuteOrder];
        return this.runner.resolveOrder(botId, orderId);
      }
      case JobName.DailyReset:
        return this.dailyReset.reset((data as JobData[JobName.DailyReset]).day);
      default:
        throw new Error(`unknown job ${String(name)}`);
    }
  }

  /** A tick, measured: its lag behind the candle's close, its duration and its outcome. */
  private async tick(botId: string, slot: number): Promise<TickOutcome> {
    const started = Date.now();
    this.metrics.tickLag.observe(Math.max(0, started - slot) / 1000);
    const stopTimer = this.metrics.tickDuration.startTimer();
    let outcome: TickOutcome | 'error' = 'error';
    try {
      outcome = await this.runner.tick(botId, slot);
      return outcome;
    } finally {
      stopTimer();
      this.metrics.ticks.inc({ outcome });
    }
  }
}
