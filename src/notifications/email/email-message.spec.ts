import { BotEventType } from '../../kernel/bot-event';
import type { EventPayload } from '../notification-event';
import { renderEmail } from './email-message';

const bot = { id: 'b1', name: 'BTC swing', symbol: 'BTCUSDT', mode: 'paper' as const };

describe('renderEmail', () => {
  it('puts the trade and its PnL in the subject and every field in the body', () => {
    const payload: EventPayload = {
      id: 'e1',
      type: BotEventType.TradeClosed,
      time: '2026-01-31T12:00:00.000Z',
      test: false,
      bot,
      data: {
        tradeId: 't1',
        side: 'SELL',
        price: '51234.5',
        qty: '0.0195',
        quoteQty: '999.07',
        fee: '0.99907',
        feeAsset: 'USDT',
        feeEstimated: true,
        pnl: '23.41',
        reason: 'take_profit',
        time: '2026-01-31T12:00:00.000Z',
      },
    };
    const mail = renderEmail(payload);
    expect(mail.subject).toBe(
      '[tradebot] BTC swing (BTCUSDT) sold 0.0195 at 51234.5, PnL 23.41 (take_profit), fee estimated',
    );
    expect(mail.text.split('\n')[0]).toBe(
      'BTC swing (BTCUSDT) sold 0.0195 at 51234.5, PnL 23.41 (take_profit), fee estimated',
    );
    expect(mail.text).toMatch(/^Fee estimated: +true$/m);
    expect(mail.text).toMatch(/^Quote qty: +999\.07$/m);
    expect(mail.text).toMatch(/^Fee asset: +USDT$/m);
    expect(mail.text).toMatch(/^Event id: +e1$/m);
    expect(mail.html).toContain('<td>999.07</td>');
  });

  it('marks a test, escapes HTML and keeps line breaks out of the subject', () => {
    const mail = renderEmail({
      id: 'e2',
      type: BotEventType.BotError,
      time: '2026-01-31T12:00:00.000Z',
      test: true,
      bot: { ...bot, name: '<b>bot</b>' },
      data: { reason: 'exchange said\r\nno' },
    });
    expect(mail.subject).toBe('[tradebot test] <b>bot</b> (BTCUSDT) error: exchange said no');
    expect(mail.html).toContain('&lt;b&gt;bot&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>bot</b>');
    expect(mail.text).toContain('This is a test');
  });
});
