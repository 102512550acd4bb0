import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { BotEventType } from '../../src/kernel/bot-event';
import { notificationsHarness, sleep } from './notifications-harness';

const SMTP_USER = 'tradebot';
const SMTP_PASSWORD = `smtp-pw-${randomUUID()}`;
const FROM = 'Tradebot <bots@tradebot.test>';

interface Mail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Header lines unfolded, then the text/plain and text/html parts decoded. */
function parseMail(raw: string): Mail {
  const [head] = raw.split('\r\n\r\n');
  const headers = head.replace(/\r\n(?=[ \t])/g, '');
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(headers)?.[1] ?? '';
  const part = (type: string) => {
    const match = new RegExp(
      `Content-Type: ${type}[^\\r\\n]*\\r\\n((?:[^\\r\\n]+\\r\\n)*)\\r\\n([\\s\\S]*?)\\r\\n--`,
    ).exec(raw);
    if (!match) return '';
    const [, partHeaders, body] = match;
    return /quoted-printable/i.test(partHeaders)
      ? body
          .replace(/=\r\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      : body;
  };
  return {
    from: header('From'),
    to: header('To'),
    subject: header('Subject'),
    text: part('text/plain').replace(/\r\n/g, '\n'),
    html: part('text/html'),
  };
}

/** A real SMTP server on loopback, with auth; refuses the next messages with given codes. */
class SmtpSink {
  readonly mails: Mail[] = [];
  /** Reply codes for the next DATA commands, in order; then it accepts. */
  readonly refusals: number[] = [];
  readonly server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) =>
      auth.username === SMTP_USER && auth.password === SMTP_PASSWORD
        ? callback(null, { user: SMTP_USER })
        : callback(new Error('invalid credentials')),
    onData: (stream, _session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const refusal = this.refusals.shift();
        if (refusal) {
          const reason = refusal >= 500 ? 'mailbox unavailable' : 'try again later';
          callback(Object.assign(new Error(reason), { responseCode: refusal }));
          return;
        }
        this.mails.push(parseMail(Buffer.concat(chunks).toString()));
        callback();
      });
    },
  });
  port = 0;

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Mails about one event (its id is in every body). */
  about(eventId: string): Mail[] {
    return this.mails.filter((mail) => mail.text.includes(eventId));
  }
}

describe('email notifications (smtp-server on loopback)', () => {
  const smtp = new SmtpSink();
  beforeAll(() => smtp.start());
  afterAll(() => smtp.stop());
  const h = notificationsHarness(() => ({
    SMTP_URL: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${smtp.port}`,
    SMTP_FROM: FROM,
  }));
  const { ctx } = h;

  async function emailChannel(extra: Record<string, unknown> = {}) {
    const response = await h
      .api()
      .post('/api/notification-channels')
      .send({ type: 'email', to: `${ctx.user.id}@example.com`, ...extra })
      .expect(201);
    expect(response.body).toMatchObject({ type: 'email', url: null, secretHint: null });
    expect(response.body.secret).toBeUndefined();
    return response.body.id as string;
  }

  const closedData = {
    tradeId: randomUUID(),
    side: 'SELL' as const,
    price: '52210.1',
    qty: '0.0194',
    quoteQty: '1012.88',
    fee: '1.01288',
    feeAsset: 'USDT',
    feeEstimated: false,
    pnl: '12.8',
    reason: 'take_profit',
    time: '2026-01-31T12:00:00.000Z',
  };

  it('sends a mail with a subject and a plain-text body a person can read at a glance', async () => {
    const channelId = await emailChannel();
    const closed = h.event(BotEventType.TradeClosed, closedData);
    await h.publish(closed);
    const delivery = await h.settled(channelId, closed.id);

    expect(delivery.status).toBe('succeeded');
    expect(delivery.attempts).toEqual([
      expect.objectContaining({ attempt: 1, status: 'succeeded', responseCode: 250, error: null }),
    ]);
    const [mail] = smtp.about(closed.id);
    expect(mail.from).toBe('Tradebot <bots@tradebot.test>');
    expect(mail.to).toBe(`${ctx.user.id}@example.com`);
    expect(mail.subject).toBe(
      '[tradebot] BTC swing (BTCUSDT) sold 0.0194 at 52210.1, PnL 12.8 (take_profit)',
    );
    const lines = mail.text.split('\n');
    expect(lines[0]).toBe('BTC swing (BTCUSDT) sold 0.0194 at 52210.1, PnL 12.8 (take_profit)');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Event: +trade\.closed$/),
        expect.stringMatching(/^Bot: +BTC swing \(paper\)$/),
        expect.stringMatching(/^Price: +52210\.1$/),
        expect.stringMatching(/^Quote qty: +1012\.88$/),
        expect.stringMatching(/^PnL: +12\.8$/),
        expect.stringMatching(/^Reason: +take_profit$/),
      ]),
    );
    expect(mail.html).toContain('<td>1012.88</td>');
  });

  it('retries a server that refuses (451), then accepts: exactly one mail arrives', async () => {
    const channelId = await emailChannel();
    smtp.refusals.push(451);
    const error = h.event(BotEventType.BotError, { reason: 'exchange unreachable' });
    await h.publish(error);
    const delivery = await h.settled(channelId, error.id);
    await sleep(300);

    expect(smtp.about(error.id)).toHaveLength(1);
    expect(delivery.status).toBe('succeeded');
    expect(delivery.attempts.map((a) => [a.attempt, a.status, a.responseCode])).toEqual([
      [1, 'failed', 451],
      [2, 'succeeded', 250],
    ]);
    expect(delivery.attempts[0].error).toMatch(/^server answered 451/);
  });

  it('gives up at once on a permanent refusal (5xx)', async () => {
    const channelId = await emailChannel();
    smtp.refusals.push(550);
    const stopped = h.event(BotEventType.BotStopped, { closePosition: false });
    await h.publish(stopped);
    const delivery = await h.settled(channelId, stopped.id);
    await sleep(300);
    expect(smtp.about(stopped.id)).toHaveLength(0);
    expect(delivery).toMatchObject({ status: 'failed', attempts: [{ responseCode: 550 }] });
  });

  // Events published directly until the engine is wired: switch this to a real engine run.
  it('paper bot trading end to end produces trade.opened / trade.closed on its channels with the right numbers', async () => {
    const emailId = await emailChannel({ events: ['trade.opened', 'trade.closed'] });
    const receiver = await h.receiver();
    const webhook = await h.webhook(receiver, { botIds: [ctx.bot.id] });
    const tradeTime = new Date().toISOString();
    const opened = h.event(BotEventType.TradeOpened, {
      tradeId: randomUUID(),
      side: 'BUY',
      price: '51234.50',
      qty: '0.01951',
      quoteQty: '999.5836',
      fee: '0.00001951',
      feeAsset: 'BTC',
      feeEstimated: false,
      time: tradeTime,
    });
    const closed = h.event(BotEventType.TradeClosed, {
      ...closedData,
      tradeId: randomUUID(),
      qty: '0.01949',
      price: '52210.10',
      quoteQty: '1017.5748',
      fee: '1.0175748',
      pnl: '16.9737052',
      reason: 'signal',
      time: tradeTime,
    });
    await h.publish(opened);
    await h.publish(closed);
    for (const event of [opened, closed]) {
      await h.settled(webhook.id, event.id);
      await h.settled(emailId, event.id);
    }

    // Deliveries run concurrently, so they may land in either order (receivers order by
    // the event's time and de-duplicate on its id).
    const received = [...receiver.events()].sort((a, b) =>
      a.id === opened.id ? -1 : b.id === opened.id ? 1 : 0,
    );
    expect(received.map((event) => event.type)).toEqual(['trade.opened', 'trade.closed']);
    expect(received[0].data).toEqual(opened.data);
    expect(received[1].data).toEqual(closed.data);
    expect(received[1].bot).toEqual({
      id: ctx.bot.id,
      name: 'BTC swing',
      symbol: 'BTCUSDT',
      mode: 'paper',
    });

    const [openedMail] = smtp.about(opened.id);
    const [closedMail] = smtp.about(closed.id);
    expect(openedMail.subject).toBe('[tradebot] BTC swing (BTCUSDT) bought 0.01951 at 51234.50');
    expect(closedMail.subject).toBe(
      '[tradebot] BTC swing (BTCUSDT) sold 0.01949 at 52210.10, PnL 16.9737052 (signal)',
    );
    for (const value of ['999.5836', '0.00001951', 'BTC']) expect(openedMail.text).toContain(value);
    for (const value of ['1017.5748', '1.0175748', '16.9737052']) {
      expect(closedMail.text).toContain(value);
    }
  });

  it('sends a test mail on request', async () => {
    const channelId = await emailChannel();
    const { body } = await h.api().post(`/api/notification-channels/${channelId}/test`).expect(202);
    await h.settled(channelId, body.eventId);
    const [mail] = smtp.about(body.eventId);
    expect(mail.subject).toBe('[tradebot test] tradebot test (BTCUSDT) started');
    expect(mail.text).toContain('This is a test');
  });

  it('keeps the SMTP password out of every response and log line', async () => {
    const channelId = await emailChannel();
    smtp.refusals.push(451);
    const error = h.event(BotEventType.BotError, { reason: 'boom' });
    await h.publish(error);
    await h.settled(channelId, error.id);
    const texts = [
      (await h.api().get('/api/notification-channels').expect(200)).text,
      (await h.api().get(`/api/notification-channels/${channelId}/deliveries`).expect(200)).text,
      ctx.logs.text(),
    ];
    // The retry was logged (so the log was really looked at), without the password.
    expect(ctx.logs.matching('warn', /attempt 1: server answered 451/)).not.toEqual([]);
    for (const text of texts) expect(text).not.toContain(SMTP_PASSWORD);
  });
});
