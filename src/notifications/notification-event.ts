import type { BotEvent, BotEventBot } from '../kernel/bot-event';
import type { ChannelType } from '../kernel/notification.enums';

/** Not an engine event: told to a user's other channels when one is switched off. */
export const CHANNEL_DISABLED = 'channel.disabled';

export interface ChannelDisabledData {
  channelId: string;
  channelType: ChannelType;
  /** The email address, or the webhook's host (never its path or query). */
  target: string;
  failures: number;
  lastError: string | null;
}

export interface ChannelDisabledEvent {
  id: string;
  type: typeof CHANNEL_DISABLED;
  time: string;
  userId: string;
  bot: null;
  data: ChannelDisabledData;
}

export type NotificationEvent = BotEvent | ChannelDisabledEvent;

/**
 * What receivers get (webhook body, email content): the event without the internal
 * userId, plus `test`, true only for POST /notification-channels/:id/test. Key order is
 * fixed here so the JSON is the same for every attempt.
 */
export interface EventPayload {
  id: string;
  type: NotificationEvent['type'];
  time: string;
  test: boolean;
  bot: BotEventBot | null;
  data: NotificationEvent['data'];
}

export function eventPayload(event: NotificationEvent, test = false): EventPayload {
  const bot = event.bot && {
    id: event.bot.id,
    name: event.bot.name,
    symbol: event.bot.symbol,
    mode: event.bot.mode,
  };
  return { id: event.id, type: event.type, time: event.time, test, bot, data: event.data };
}
