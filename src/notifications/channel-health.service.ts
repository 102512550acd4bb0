import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { NotificationChannel } from '../database/entities/notification-channel.entity';
import { NotificationChannelRepository } from '../database/repositories/notification-channel.repository';
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
    private readonly channels: NotificationChannelRepository,
    private readonly dispatcher: NotificationDispatcher,
  ) {}

  async succeeded(channelId: string): Promise<void> {
    await this.channels.resetFailures(channelId);
  }

  async failed(channelId: string, lastError: string | null): Promise<void> {
    const failures = await this.channels.countFailure(channelId);
    if (failures === undefined || failures < FAILURES_BEFORE_DISABLE) return;
    // Only the update that flips `enabled` tells the user, however many failures race here.
    const switchedOff = await this.channels.disable(
      channelId,
      `${failures} deliveries failed in a row (last: ${lastError ?? 'unknown'})`,
    );
    if (!switchedOff) return;
    const channel = await this.channels.getById(channelId);
    this.logger.warn(`channel ${channelId} disabled after ${failures} failed deliveries`);
    await this.tellOtherChannels(channel, failures, lastError);
  }

  private async tellOtherChannels(
    channel: NotificationChannel,
    failures: number,
    lastError: string | null,
  ): Promise<void> {
    const others = await this.channels.findEnabledOthers(channel.userId, channel.id);
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
