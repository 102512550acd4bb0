import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { assertOutsideTransaction } from '../../common/network-boundary';
import { renderEmail } from '../email/email-message';
import type { EventPayload } from '../notification-event';
import { type DeliveryOutcome, failed, succeeded } from './delivery-outcome';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport';

interface SmtpError {
  responseCode?: number;
  /** The server's reply line, e.g. `550 5.1.1 mailbox unknown`. */
  response?: string;
  code?: string;
  message?: string;
}

/** A 5xx reply is the server's final word (no such mailbox, relay denied); the rest may pass. */
export function emailFailure(error: unknown): DeliveryOutcome {
  const { responseCode, response, code, message } = (error ?? {}) as SmtpError;
  const reply = typeof responseCode === 'number' ? responseCode : null;
  return failed(
    reply
      ? `server answered ${(response ?? String(reply)).slice(0, 200)}`
      : `send failed: ${code ?? message ?? 'unknown error'}`,
    reply,
    reply !== null && reply >= 500,
  );
}

@Injectable()
export class EmailChannel implements OnApplicationShutdown {
  constructor(@Inject(MAIL_TRANSPORT) private readonly transport: MailTransport) {}

  get configured(): boolean {
    return this.transport !== null;
  }

  async send(to: string, payload: EventPayload): Promise<DeliveryOutcome> {
    assertOutsideTransaction('an SMTP send');
    if (!this.transport) return failed('email is not configured (SMTP_URL is unset)', null, true);
    try {
      const info = await this.transport.sendMail({ to, ...renderEmail(payload) });
      const code = Number(/^\d{3}/.exec(String(info.response))?.[0]);
      return succeeded(Number.isFinite(code) ? code : null);
    } catch (error) {
      return emailFailure(error);
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
