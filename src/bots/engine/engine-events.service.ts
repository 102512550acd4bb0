import { randomUUID } from 'node:crypto';
import { Injectable, Logger, Optional } from '@nestjs/common';
import {
  type BotEvent,
  type BotEventData,
  BotEventPublisher,
  type BotEventType,
} from '../../kernel/bot-event';
import type { BotConfig } from '../../database/entities/bot-config.entity';
import { logEvent } from './engine-log';

/**
 * Builds the engine's domain events, logs them and hands them to notifications once the
 * change they describe is committed. Publishing only enqueues; if even that fails, the tick
 * it follows has still happened, so the failure is logged rather than thrown.
 */
@Injectable()
export class EngineEvents {
  private readonly logger = new Logger(EngineEvents.name);

  constructor(@Optional() private readonly publisher?: BotEventPublisher) {}

  event<T extends BotEventType>(type: T, bot: BotConfig, data: BotEventData[T]): BotEvent<T> {
    return {
      id: randomUUID(),
      type,
      time: new Date().toISOString(),
      userId: bot.userId,
      bot: { id: bot.id, name: bot.name, symbol: bot.symbol, mode: bot.mode },
      data,
    };
  }

  async publish(events: BotEvent[]): Promise<void> {
    for (const event of events) logEvent(this.logger, event);
    if (events.length === 0 || !this.publisher) return;
    try {
      await this.publisher.publish(events);
    } catch (error) {
      this.logger.warn(
        `could not queue ${events.map((event) => event.type).join(', ')}: ${(error as Error).message}`,
      );
    }
  }
}
