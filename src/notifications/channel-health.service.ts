import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Not, type Repository } from 'typeorm';
import { NotificationChannel } from '../database/entities/notification-channel.entity';
import { NotificationDispatcher } from './notification-dispatcher.service';
import { ChannelType } from '../kernel/notification.enums';
import { CHANNEL_DISABLED, type ChannelDisabledEvent } from './notification-event';

/** Deliveries given up in a row after which a channel is switched off. */
export const FAILURES_BEFORE_DISABLE = 20;

/** Email address, or webhook host only: a URL's path or query may carry a token. */
export function channelTarget(channel: NotificationChannel): string {
  return channel.type === ChannelType.Email ? channel.emailTo! : new URL(channel.url!).host;
}

/**
 * Counts deliveries a channel gave up on in a row. A dead channel is switched off so it
 * stops burning an hour of retries per event, and the user hears of it on the others.
 */
@Injectable()
export class ChannelHealth {
  private readonly logger = new Logger(ChannelHealth.name);

  constructor(
    @InjectRepository(NotificationChannel)
    private readonly channels: Repository<NotificationChannel>,
    private readonly dispatcher: NotificationDispatcher,
  ) {}

  async succeeded(channelId: string): Promise<void> {
    await this.channels
      .createQueryBuilder()
      .update()
      .set({ consecutiveFailures: 0 })
      .where('id = :channelId AND consecutive_failures <> 0', { channelId })
      .execute();
  }

  async failed(channelId: string, lastError: string | null): Promise<void> {
    const counted = await this.channels
      .createQueryBuilder()
      .update()
      .set({ consecutiveFailures: () => 'consecutive_failures + 1' })
      .where('id = :channelId', { channelId })
      .returning('consecutive_failures')
      .execute();
    const failures = (counted.raw as { consecutive_failures: number }[])[0]?.consecutive_failures;
    if (failures === undefined || failures < FAILURES_BEFORE_DISABLE) return;
    // Only the update that flips `enabled` tells the user, however many failures race here.
    const switchedOff = await this.channels
      .createQueryBuilder()
      .update()
      .set({
        enabled: false,
        disabledReason: `${failures} deliveries failed in a row (last: ${lastError ?? 'unknown'})`,
      })
      .where('id = :channelId AND enabled', { channelId })
      .returning('id')
      .execute();
    if ((switchedOff.raw as unknown[]).length === 0) return;
    const channel = await this.channels.findOneByOrFail({ id: channelId });
    this.logger.warn(`channel ${channelId} disabled after ${failures} failed deliveries`);
    await this.tellOtherChannels(channel, failures, lastError);
  }

  private async tellOtherChannels(
    channel: NotificationChannel,
    failures: number,
    lastError: string | null,
  ): Promise<void> {
    const others = await this.channels.findBy({
      userId: channel.userId,
      enabled: true,
      id: Not(channel.id),
    });
    const event: ChannelDisabledEvent = {
      id: randomUUID(),
      type: CHANNEL_DISABLED,
      time: new Date().toISOString(),
      userId: channel.userId,
      bot: null,
      data: {
        channelId: channel.id,
        channelType: channel.type,
        target: channelTarget(channel),
        failures,
        lastError,
      },
    };
    await this.dispatcher.dispatch(others.map((other) => ({ event, channel: other })));
  }
}
