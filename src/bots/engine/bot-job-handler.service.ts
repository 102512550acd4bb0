import { Injectable } from '@nestjs/common';
import { AppMetrics } from '../../metrics/app-metrics';
import type { JobHandler } from '../../queue/job-queue';
import { type JobData, JobName } from '../../queue/queue.constants';
import { BotRunnerService } from './bot-runner.service';
import { DailyResetService } from './daily-reset.service';
import { TickGroupService } from './tick-group.service';
import type { TickOutcome } from './tick-outcome';

/** The one place a job name meets its code, for Bull and the in-process queue alike. */
@Injectable()
export class BotJobHandler implements JobHandler {
  constructor(
    private readonly runner: BotRunnerService,
    private readonly groups: TickGroupService,
    private readonly dailyReset: DailyResetService,
    private readonly metrics: AppMetrics,
  ) {}

  handle<N extends JobName>(name: N, data: JobData[N]): Promise<unknown> {
    switch (name) {
      case JobName.Tick: {
        const { botId, slot, viaSignal } = data as JobData[JobName.Tick];
        if (viaSignal) return this.signalTick(botId, slot);
        return this.metrics.measureTick(slot, () => this.runner.tick(botId, slot));
      }
      case JobName.TickGroup:
        return this.groups.run(data as JobData[JobName.TickGroup]);
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

  /**
   * A signal must not wait for the next candle because another tick held the bot: a skipped
   * signal tick fails, so the queue retries it within seconds (JOB_OPTIONS).
   */
  private async signalTick(botId: string, slot: number): Promise<TickOutcome> {
    const outcome = await this.metrics.measureTick(slot, () => this.runner.tick(botId, slot, true));
    if (outcome === 'skipped_locked') throw new Error(`bot ${botId} was busy: signal tick retried`);
    return outcome;
  }
}
