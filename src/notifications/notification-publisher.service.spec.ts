import { type BotEvent, BotEventType } from '../kernel/bot-event';
import type { NotificationChannel } from '../database/entities/notification-channel.entity';
import { channelWants } from './notification-publisher.service';

const event: BotEvent = {
  id: 'e1',
  type: BotEventType.TradeOpened,
  time: '2026-01-31T12:00:00.000Z',
  userId: 'u1',
  bot: { id: 'b1', name: 'bot', symbol: 'BTCUSDT', mode: 'paper' },
  data: {
    tradeId: 't1',
    side: 'BUY',
    price: '1',
    qty: '1',
    quoteQty: '1',
    fee: '0',
    feeAsset: 'BTC',
    feeEstimated: false,
    time: '2026-01-31T12:00:00.000Z',
  },
};

const channel = (overrides: Partial<NotificationChannel>) =>
  ({
    userId: 'u1',
    events: [BotEventType.TradeOpened],
    botIds: null,
    ...overrides,
  }) as NotificationChannel;

describe('channelWants', () => {
  it('takes an event of a filtered type from any bot of the owner', () => {
    expect(channelWants(channel({}), event)).toBe(true);
  });

  it('leaves out other types, other bots and other users', () => {
    expect(channelWants(channel({ events: [BotEventType.TradeClosed] }), event)).toBe(false);
    expect(channelWants(channel({ botIds: ['b2'] }), event)).toBe(false);
    expect(channelWants(channel({ botIds: ['b2', 'b1'] }), event)).toBe(true);
    expect(channelWants(channel({ userId: 'u2' }), event)).toBe(false);
  });
});
