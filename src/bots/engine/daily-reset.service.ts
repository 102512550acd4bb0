import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import { BotEventType } from '../../kernel/bot-event';
import { BotConfig } from '../../database/entities/bot-config.entity';
import { EngineEvents } from './engine-events.service';
import { BotStatus } from '../../kernel/bot.enums';

/**
 * Zeroes every bot's daily counters and resumes the bots a daily limit paused. One UPDATE
 * guarded by the day: running it twice, or on several workers at once, changes nothing.
 */
@Injectable()
export class DailyResetService {
  private readonly logger = new Logger(DailyResetService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EngineEvents,
  ) {}

  /** Returns the ids of the bots it resumed. Only ever moves a bot's day forward. */
  async reset(day: string): Promise<string[]> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const result = await runner.query(
        `UPDATE bot_state AS state
         SET daily_date = $1::date, daily_trades = 0, daily_realized_pnl = 0,
             status = CASE WHEN old.status = $2 THEN $3::bot_status ELSE old.status END,
             status_reason = CASE WHEN old.status = $2 THEN NULL ELSE old.status_reason END,
             updated_at = now()
         FROM (SELECT id, status, status_reason FROM bot_state
               WHERE daily_date IS NULL OR daily_date < $1::date FOR UPDATE) AS old
         WHERE state.id = old.id
         RETURNING state.id, old.status = $2 AS was_paused`,
        [day, BotStatus.Paused, BotStatus.Running],
        true,
      );
      const rows = result.records as { id: string; was_paused: boolean }[];
      const resumed = rows.filter((row) => row.was_paused).map((row) => row.id);
      this.logger.log(`daily reset for ${day}: ${rows.length} bot(s), ${resumed.length} resumed`);
      await this.announceResumed(resumed);
      return resumed;
    } finally {
      await runner.release();
    }
  }

  private async announceResumed(botIds: string[]): Promise<void> {
    if (botIds.length === 0) return;
    const bots = await this.dataSource.getRepository(BotConfig).findBy({ id: In(botIds) });
    await this.events.publish(
      bots.map((bot) => this.events.event(BotEventType.BotResumed, bot, { reason: 'daily reset' })),
    );
  }
}
