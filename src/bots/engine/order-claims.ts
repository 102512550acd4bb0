import type { EntityManager } from 'typeorm';
import { nextLookupAt } from '../../trading/order-lookups';

/** A worker's hold on an order in `sending`; `until` is also its fencing token. */
export interface OrderClaim {
  until: Date;
  /** Nobody ever tried to send it: it may be sent without a lookup. */
  firstSend: boolean;
  /** When the attempt whose outcome is unknown ended (or the intent was made). */
  attemptAt: Date;
}

/**
 * Claims on orders in `sending` (Order.claimedUntil): only the holder of an unexpired claim
 * sends, looks up or resends an order, so two workers can never both find it absent and both
 * send it. A claim lasts the grace period; after an attempt whose outcome is unknown, and
 * after each lookup that settles nothing, it lasts until the next lookup is due (see
 * order-lookups), so nobody touches the order before then.
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
         SELECT claimed_until, last_attempt_at, created_at FROM "order"
         WHERE id = $1 AND status = 'SENDING' FOR UPDATE
       )
       UPDATE "order" SET claimed_until = $2 FROM prev
       WHERE "order".id = $1 AND (prev.claimed_until IS NULL OR prev.claimed_until <= $3)
       RETURNING prev.claimed_until AS before,
                 COALESCE(prev.last_attempt_at, prev.created_at) AS attempt_at`,
      [orderId, until, new Date(now)],
    )) as [{ before: Date | null; attempt_at: Date }[], number];
    if (rows.length !== 1) return null;
    return { until, firstSend: rows[0].before === null, attemptAt: rows[0].attempt_at };
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

  /**
   * After a send with no known outcome: its lookups are timed from now, and the order is
   * left alone until the first is due. Resolves to that time, or null if the claim was lost.
   */
  async afterUnknownOutcome(
    manager: EntityManager,
    orderId: string,
    claim: OrderClaim,
    now = Date.now(),
  ): Promise<Date | null> {
    claim.attemptAt = new Date(now);
    return this.afterInconclusiveLookup(manager, orderId, claim, now);
  }

  /** After a lookup that settled nothing: left alone until the next one is due. */
  async afterInconclusiveLookup(
    manager: EntityManager,
    orderId: string,
    claim: OrderClaim,
    now = Date.now(),
  ): Promise<Date | null> {
    const due = new Date(nextLookupAt(claim.attemptAt.getTime(), now, this.graceMs));
    const [, count] = (await manager.query(
      `UPDATE "order" SET claimed_until = $3, last_attempt_at = $4
       WHERE id = $1 AND status = 'SENDING' AND claimed_until = $2`,
      [orderId, claim.until, due, claim.attemptAt],
    )) as [unknown, number];
    if (count !== 1) return null;
    claim.until = due;
    return due;
  }
}
