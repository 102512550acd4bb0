/** An order intent the exchange confirms it never received, after the grace period. */
export interface NeverPlacedOrder {
  side: 'BUY' | 'SELL';
  /** The slot the intent was decided at: the close time of the candle it was decided on. */
  slot: number;
  /** The bot's candle length. */
  intervalMs: number;
}

export type NeverPlacedAction = { action: 'resend' } | { action: 'drop'; reason: string };

/**
 * Sent again, or dropped. An exit is always sent again: the position it sells is still held,
 * and the reason to sell it (a stop, a signal, a manual close) has not gone away. An entry
 * belongs to the candle that followed its decision: once that candle has closed too, the next
 * tick has decided afresh, and buying now would buy on a stale signal at a later price (seen:
 * a buy sent 30 s late, then sold at once), so it is dropped, saying why.
 */
export function afterNeverPlaced(order: NeverPlacedOrder, now: number): NeverPlacedAction {
  if (order.side === 'SELL' || now < order.slot + order.intervalMs) return { action: 'resend' };
  return {
    action: 'drop',
    reason:
      'entry dropped: its order never reached the exchange, and the candle it was decided for has passed',
  };
}
