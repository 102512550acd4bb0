import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type BotEvent, BotEventType } from '../kernel/bot-event';
import type { NotificationChannel } from '../database/entities/notification-channel.entity';
import { NotificationDeliveryRepository } from '../database/repositories/notification-delivery.repository';
import { NotificationDispatcher } from './notification-dispatcher.service';

/** The made-up bot of a test event: receivers can tell it by this id (and `test: true`). */
export const TEST_BOT = {
  id: '00000000-0000-0000-0000-000000000000',
  name: 'tradebot test',
  symbol: 'BTCUSDT',
  mode: 'paper',
} as const;

/**
 * POST …/test: a synthetic `bot.started` marked `test: true`, to this one channel,
 * through the same queue, retries and log as real events, whatever its filters say.
 */
@Injectable()
export class NotificationTestService {
  constructor(
    private readonly deliveries: NotificationDeliveryRepository,
    private readonly dispatcher: NotificationDispatcher,
  ) {}

  async send(channel: NotificationChannel): Promise<{ eventId: string; deliveryId: string }> {
    const event: BotEvent<BotEventType.BotStarted> = {
      id: randomUUID(),
      type: BotEventType.BotStarted,
      time: new Date().toISOString(),
      userId: channel.userId,
      bot: { ...TEST_BOT },
      data: {},
    };
    await this.dispatcher.dispatch([{ event, channel, test: true }]);
    const delivery = await this.deliveries.getByKey({ eventId: event.id, channelId: channel.id });
    return { eventId: event.id, deliveryId: delivery.id };
  }
}
