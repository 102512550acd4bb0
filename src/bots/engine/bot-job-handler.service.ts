import { Injectable } from '@nestjs/common';
import { AppMetrics } from '../../metrics/app-metrics';
import type { JobHandler } from '../../queue/job-queue';
import { type JobData, JobName } from '../../queue/queue.constants';
import { BotRunnerService } from './bot-runner.service';
import { DailyResetService } from './daily-reset.service';
import { TickGroupService } from './tick-group.service';

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
        const { botId, slot } = data as JobData[JobName.Tick];
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
}
