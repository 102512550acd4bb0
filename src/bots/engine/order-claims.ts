import type { EntityManager } from 'typeorm';

/** A worker's hold on an order in `sending`; `until` is also its fencing token. */
export interface OrderClaim {
  until: Date;
  /** Nobody ever tried to send it: it may be sent without a lookup. */
  firstSend: boolean;
}

/**
 * Claims on orders in `sending` (Order.claimedUntil): only the holder of an unexpired claim
 * sends, looks up or resends an order, so two workers can never both find it absent and both
 * send it. A claim lasts the grace period; after an attempt whose outcome is unknown it is
 * set to that attempt's end plus the grace period, so the lookup waits for Binance to know.
 */
export class OrderClaims {
  constructor(private readonly graceMs: number) {}

  /** The claim a new intent is created with: its first send is already under way. */
  forNewIntent(now = Date.now()): Date {
    return new Date(now + this.graceMs);
  }

  /** Takes the order when nobody holds it; null when someone does (or it is resolved). */
  async take(
    manager: EntityManager,
    orderId: string,
    now = Date.now(),
  ): Promise<OrderClaim | null> {
    const until = new Date(now + this.graceMs);
    const [rows] = (await manager.query(
      `WITH prev AS (
         SELECT claimed_until FROM "order" WHERE id = $1 AND status = 'SENDING' FOR UPDATE
       )
       UPDATE "order" SET claimed_until = $2 FROM prev
       WHERE "order".id = $1 AND (prev.claimed_until IS NULL OR prev.claimed_until <= $3)
       RETURNING prev.claimed_until AS before`,
      [orderId, until, new Date(now)],
    )) as [{ before: Date | null }[], number];
    return rows.length === 1 ? { until, firstSend: rows[0].before === null } : null;
  }

  /**
   * Extends a claim still held, right before a resend: false when it expired and another
   * worker took the order meanwhile (that worker decides now).
   */
  async renew(manager: EntityManager, orderId: string, claim: OrderClaim): Promise<boolean> {
    const until = new Date(Date.now() + this.graceMs);
    const [, count] = (await manager.query(
      `UPDATE "order" SET claimed_until = $3
       WHERE id = $1 AND status = 'SENDING' AND claimed_until = $2`,
      [orderId, claim.until, until],
    )) as [unknown, number];
    if (count !== 1) return false;
    claim.until = until;
    return true;
  }

  /** After an attempt with no known outcome: nobody touches the order for a grace period. */
  async afterUnknownOutcome(
    manager: EntityManager,
    orderId: string,
    claim: OrderClaim,
  ): Promise<void> {
    await manager.query(
      `UPDATE "order" SET claimed_until = $3
       WHERE id = $1 AND status = 'SENDING' AND claimed_until = $2`,
      [orderId, claim.until, new Date(Date.now() + this.graceMs)],
    );
  }
}
