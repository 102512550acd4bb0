import { Injectable } from '@nestjs/common';
import { assertOutsideTransaction } from '../../database/transaction-guard';
import { signWebhook } from '../webhook-signature';
import { type DeliveryOutcome, failed, succeeded } from './delivery-outcome';

export const WEBHOOK_TIMEOUT_MS = 5000;

export interface WebhookRequest {
  url: string;
  secret: string;
  eventType: string;
  eventId: string;
  body: string;
}

/** 2xx delivered; 408 and 429 are worth another try, other 4xx are not; anything else is. */
export function webhookOutcome(status: number): DeliveryOutcome {
  if (status >= 200 && status < 300) return succeeded(status);
  const final = status >= 400 && status < 500 && status !== 408 && status !== 429;
  return failed(`receiver answered ${status}`, status, final);
}

/** POSTs the event, signed; never follows redirects (the receiver's URL is the contract). */
@Injectable()
export class WebhookChannel {
  async send(request: WebhookRequest): Promise<DeliveryOutcome> {
    // Before the try: a violation is a bug to surface, not a failed delivery to retry.
    assertOutsideTransaction('a webhook POST');
    const timestamp = String(Math.floor(Date.now() / 1000));
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'tradebot-webhooks',
          'X-Tradebot-Event': request.eventType,
          'X-Tradebot-Delivery': request.eventId,
          'X-Tradebot-Timestamp': timestamp,
          'X-Tradebot-Signature': signWebhook(request.secret, timestamp, request.body),
        },
        body: request.body,
      });
      // Only the status matters; dropping the body frees the connection.
      await response.body?.cancel().catch(() => undefined);
      return webhookOutcome(response.status);
    } catch (error) {
      return failed(describeFetchError(error));
    }
  }
}

function describeFetchError(error: unknown): string {
  // By name: the DOMException may come from another realm, where instanceof Error fails.
  if ((error as { name?: unknown } | null)?.name === 'TimeoutError') {
    return `no answer within ${WEBHOOK_TIMEOUT_MS} ms`;
  }
  // fetch says only "fetch failed"; the cause has the useful part (ECONNREFUSED, ENOTFOUND).
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return `request failed: ${cause?.code ?? cause?.message ?? (error as Error).message}`;
}
