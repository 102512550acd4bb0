import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * X-Tradebot-Signature: hex HMAC-SHA256 of `timestamp.body` under the channel secret.
 * The timestamp is signed too, so a captured request cannot be replayed later as new.
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** What a receiver does (docs/notifications.md shows the same in plain Node). */
export function verifyWebhook(
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
