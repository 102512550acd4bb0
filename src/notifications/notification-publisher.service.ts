import { Injectable } from '@nestjs/common';
import { type BotEvent, BotEventPublisher } from '../kernel/bot-event';
import type { NotificationChannel } from '../database/entities/notification-channel.entity';
import { NotificationChannelRepository } from '../database/repositories/notification-channel.repository';
import { NotificationDispatcher } from './notification-dispatcher.service';

/** Whether a channel wants an event: its type is in the filter, and its bot too if one is set. */
export function channelWants(channel: NotificationChannel, event: BotEvent): boolean {
  return (
    channel.userId === event.userId &&
    channel.events.includes(event.type) &&
    (channel.botIds === null || channel.botIds.includes(event.bot.id))
  );
}

/**
 * The engine's port: one query for the users' enabled channels, one insert, one enqueue.
 * Sending happens on the notifications queue, so a slow receiver never slows a tick.
 */
@Injectable()
export class NotificationPublisher extends BotEventPublisher {
  constructor(
    private readonly channels: NotificationChannelRepository,
    private readonly dispatcher: NotificationDispatcher,
  ) {
    super();
  }

  async publish(events: BotEvent[]): Promise<void> {
    if (events.length === 0) return;
    const userIds = [...new Set(events.map((event) => event.userId))];
    const channels = await this.channels.findEnabledOf(userIds);
    await this.dispatcher.dispatch(
      events.flatMap((event) =>
        channels
          .filter((channel) => channelWants(channel, event))
          .map((channel) => ({ event, channel })),
      ),
    );
  }
}
