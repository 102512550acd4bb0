import { Injectable, Logger } from '@nestjs/common';
import { BotEventType } from '../../kernel/bot-event';
import { BotConfigRepository } from '../../database/repositories/bot-config.repository';
import { BotStateRepository } from '../../database/repositories/bot-state.repository';
import { EngineEvents } from './engine-events.service';

/**
 * Zeroes every bot's daily counters and resumes the bots a daily limit paused. One UPDATE
 * guarded by the day: running it twice, or on several workers at once, changes nothing.
 */
@Injectable()
export class DailyResetService {
  private readonly logger = new Logger(DailyResetService.name);

  constructor(
    private readonly configs: BotConfigRepository,
    private readonly states: BotStateRepository,
    private readonly events: EngineEvents,
  ) {}

  /** Returns the ids of the bots it resumed. Only ever moves a bot's day forward. */
  async reset(day: string): Promise<string[]> {
    const rows = await this.states.resetDaily(day);
    const resumed = rows.filter((row) => row.wasPaused).map((row) => row.id);
    this.logger.log(`daily reset for ${day}: ${rows.length} bot(s), ${resumed.length} resumed`);
    await this.announceResumed(resumed);
    return resumed;
  }

  private async announceResumed(botIds: string[]): Promise<void> {
    if (botIds.length === 0) return;
    const bots = await this.configs.findByIds(botIds);
    await this.events.publish(
      bots.map((bot) => this.events.event(BotEventType.BotResumed, bot, { reason: 'daily reset' })),
    );
  }
}
