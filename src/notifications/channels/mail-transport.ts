import type { Provider } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '../../config/app-config';

/** The SMTP transport, or null when SMTP_URL is unset (email channels are then refused). */
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

export type MailTransport = Transporter | null;

export const mailTransportProvider: Provider = {
  provide: MAIL_TRANSPORT,
  inject: [AppConfig],
  useFactory: (config: AppConfig): MailTransport =>
    config.smtpUrl
      ? createTransport(
          // nodemailer's defaults wait minutes on a stalled server; a delivery job should not.
          {
            url: config.smtpUrl,
            connectionTimeout: 10_000,
            greetingTimeout: 10_000,
            socketTimeout: 30_000,
          },
          { from: config.smtpFrom },
        )
      : null,
};
