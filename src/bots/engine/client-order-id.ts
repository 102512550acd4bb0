import { createHash } from 'node:crypto';

/**
 * One id per order intent, never per attempt: derived from what makes the intent unique
 * (bot, slot, side), so a retried send carries the same id and the exchange de-duplicates.
 * Fits Binance's newClientOrderId rule: at most 36 of [A-Za-z0-9._:/-].
 */
export function clientOrderIdFor(botId: string, slot: number, side: 'BUY' | 'SELL'): string {
  const digest = createHash('sha256').update(`${botId}:${slot}:${side}`).digest('base64url');
  return `tb-${digest.slice(0, 32)}`;
}

/** The id of an order decided on an external signal: one per signal, whatever its slot. */
export function signalClientOrderIdFor(
  botId: string,
  signalId: string,
  side: 'BUY' | 'SELL',
): string {
  const digest = createHash('sha256')
    .update(`${botId}:signal:${signalId}:${side}`)
    .digest('base64url');
  return `tb-${digest.slice(0, 32)}`;
}
