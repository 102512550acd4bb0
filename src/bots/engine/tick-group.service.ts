import { Injectable, Logger } from '@nestjs/common';
import pLimit from 'p-limit';
import { AppConfig } from '../../config/app-config';
import { BotConfigRepository } from '../../database/repositories/bot-config.repository';
import { withLogFields } from '../../logging/log-context';
import { AppMetrics } from '../../metrics/app-metrics';
import { JobQueue } from '../../queue/job-queue';
import { JobName, jobId, type TickGroupJobData } from '../../queue/queue.constants';
import { BotRunnerService } from './bot-runner.service';
import type { TickOutcome } from './tick-outcome';

export interface TickGroupResult {
  bots: number;
  outcomes: Partial<Record<TickOutcome | 'requeued', number>>;
}

/**
 * A tick group's job: every ticking bot of a symbol and interval, each in its own
 * transaction under its own NOWAIT lock, several at once on the connection pool. A bot whose
 * tick fails does not fail the group: it gets a tick job of its own, retried as any.
 */
@Injectable()
export class TickGroupService {
  private readonly logger = new Logger(TickGroupService.name);
  private readonly concurrency: number;

  constructor(
    private readonly runner: BotRunnerService,
    private readonly configs: BotConfigRepository,
    private readonly queue: JobQueue,
    private readonly metrics: AppMetrics,
    config: AppConfig,
  ) {
    this.concurrency = Math.max(1, config.jobConcurrency);
  }

  async run({ symbol, interval, slot }: TickGroupJobData): Promise<TickGroupResult> {
    const bots = await this.configs.groupMembers(symbol, interval);
    const limit = pLimit(this.concurrency);
    const outcomes: TickGroupResult['outcomes'] = {};
    await Promise.all(
      bots.map((bot) =>
        limit(() =>
          withLogFields({ botId: bot.id }, async () => {
            let outcome: TickOutcome | 'requeued';
            try {
              outcome = await this.metrics.measureTick(slot, () => this.runner.tickBot(bot, slot));
            } catch (error) {
              this.logger.warn(`tick of bot ${bot.id} failed: ${(error as Error).message}`);
              const data = { botId: bot.id, slot };
              await this.queue.add([{ name: JobName.Tick, data, id: jobId.tick(data) }]);
              outcome = 'requeued';
            }
            outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
          }),
        ),
      ),
    );
    return { bots: bots.length, outcomes };
  }
}
