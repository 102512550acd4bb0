import type { LookupFunction } from 'node:net';
import { Injectable } from '@nestjs/common';
import { assertOutsideTransaction } from '../../common/network-boundary';
import { signWebhook } from '../webhook-signature';
import { REFUSED_TARGET, WebhookTargetPolicy } from '../webhook-target';
import { type DeliveryOutcome, failed, succeeded } from './delivery-outcome';
import { guardedLookup, HostResolver, RefusedTargetError } from './guarded-lookup';
import { post, PostTimeoutError } from './http-post';

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

/**
 * POSTs the event, signed, to public hosts only (unless the operator allows more); never
 * follows redirects (the receiver's URL is the contract).
 */
@Injectable()
export class WebhookChannel {
  private readonly lookup: LookupFunction;

  constructor(
    private readonly targets: WebhookTargetPolicy,
    resolver: HostResolver,
  ) {
    this.lookup = guardedLookup(resolver, targets);
  }

  async send(request: WebhookRequest): Promise<DeliveryOutcome> {
    // Before the try: a violation is a bug to surface, not a failed delivery to retry.
    assertOutsideTransaction('a webhook POST');
    const timestamp = String(Math.floor(Date.now() / 1000));
    try {
      const url = new URL(request.url);
      // A refusal is final: another try could only give a rebinding name another chance.
      if (this.targets.refusalOf(url)) return failed(REFUSED_TARGET, null, true);
      const status = await post(
        url,
        {
          'Content-Type': 'application/json',
          'User-Agent': 'tradebot-webhooks',
          'X-Tradebot-Event': request.eventType,
          'X-Tradebot-Delivery': request.eventId,
          'X-Tradebot-Timestamp': timestamp,
          'X-Tradebot-Signature': signWebhook(request.secret, timestamp, request.body),
        },
        request.body,
        { lookup: this.lookup, timeoutMs: WEBHOOK_TIMEOUT_MS },
      );
      return webhookOutcome(status);
    } catch (error) {
      if (error instanceof RefusedTargetError) return failed(REFUSED_TARGET, null, true);
      return failed(describeRequestError(error));
    }
  }
}

function describeRequestError(error: unknown): string {
  if (error instanceof PostTimeoutError) return `no answer within ${WEBHOOK_TIMEOUT_MS} ms`;
  // The code (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED) is the useful part.
  const { code, message } = error as NodeJS.ErrnoException;
  return `request failed: ${code ?? message}`;
}
