import type { StrategySignal } from '../strategies/strategy.interface';

/** An alert received for the bot and not yet acted on, as a tick sees it. */
export interface PendingSignal {
  /** The sender's alert id. */
  alertId: string;
  action: 'buy' | 'sell';
  /** Milliseconds since it was received, when the tick runs. */
  ageMs: number;
}

/** What became of a pending signal in a tick: acted on by the rules, or dropped as too old. */
export type PendingSignalOutcome = 'used' | 'expired';

/**
 * The signal an external-signal bot's tick acts on: the pending alert while it is younger than
 * `ttlSeconds`; an older one is dropped, and its reason says so.
 */
export function externalSignal(
  pending: PendingSignal,
  ttlSeconds: number,
): { signal: StrategySignal; outcome: PendingSignalOutcome } {
  const ageSeconds = Math.floor(pending.ageMs / 1000);
  if (pending.ageMs > ttlSeconds * 1000) {
    const reason =
      `${pending.action} signal ${pending.alertId} dropped: received ${ageSeconds} s ago, ` +
      `past signalTtlSeconds ${ttlSeconds}`;
    return { signal: { action: 'none', indicators: {}, reason }, outcome: 'expired' };
  }
  const reason = `${pending.action} signal ${pending.alertId}`;
  return { signal: { action: pending.action, indicators: {}, reason }, outcome: 'used' };
}
