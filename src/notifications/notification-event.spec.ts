import { BotEventType } from '../kernel/bot-event';
import { eventPayload } from './notification-event';

describe('eventPayload', () => {
  it('drops the internal userId, adds test, and fixes the key order', () => {
    const payload = eventPayload(
      {
        data: { reason: 'x' },
        bot: { mode: 'live', symbol: 'ETHUSDT', name: 'n', id: 'b1' },
        userId: 'u1',
        time: '2026-01-31T12:00:00.000Z',
        type: BotEventType.BotError,
        id: 'e1',
      },
      true,
    );
    expect(JSON.stringify(payload)).toBe(
      '{"id":"e1","type":"bot.error","time":"2026-01-31T12:00:00.000Z","test":true,' +
        '"bot":{"id":"b1","name":"n","symbol":"ETHUSDT","mode":"live"},"data":{"reason":"x"}}',
    );
  });
});
