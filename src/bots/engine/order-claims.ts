import type { OrderRepository } from '../../database/repositories/order.repository';
import type { Tx } from '../../database/repositories/transactions';
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
  constructor(
    private readonly orders: OrderRepository,
    private readonly graceMs: number,
  ) {}

  /** The claim a new intent is created with: its first send is already under way. */
  forNewIntent(now = Date.now()): Date {
    return new Date(now + this.graceMs);
  }

  /** Takes the order when nobody holds it; null when someone does (or it is resolved). */
  async take(orderId: string, tx?: Tx, now = Date.now()): Promise<OrderClaim | null> {
    const until = new Date(now + this.graceMs);
    const taken = await this.orders.takeClaim(orderId, until, new Date(now), tx);
    if (!taken) return null;
    return { until, firstSend: taken.before === null, attemptAt: taken.attemptAt };
  }

  /**
   * Extends a claim still held, right before a resend: false when it expired and another
   * worker took the order meanwhile (that worker decides now).
   */
  async renew(orderId: string, claim: OrderClaim): Promise<boolean> {
    const until = new Date(Date.now() + this.graceMs);
    if (!(await this.orders.renewClaim(orderId, claim.until, until))) return false;
    claim.until = until;
    return true;
  }

  /**
   * After a send with no known outcome: its lookups are timed from now, and the order is
   * left alone until the first is due. Resolves to that time, or null if the claim was lost.
   */
  async afterUnknownOutcome(
    orderId: string,
    claim: OrderClaim,
    now = Date.now(),
  ): Promise<Date | null> {
    claim.attemptAt = new Date(now);
    return this.afterInconclusiveLookup(orderId, claim, now);
  }

  /** After a lookup that settled nothing: left alone until the next one is due. */
  async afterInconclusiveLookup(
    orderId: string,
    claim: OrderClaim,
    now = Date.now(),
  ): Promise<Date | null> {
    const due = new Date(nextLookupAt(claim.attemptAt.getTime(), now, this.graceMs));
    if (!(await this.orders.renewClaimAfterAttempt(orderId, claim.until, due, claim.attemptAt))) {
      return null;
    }
    claim.until = due;
    return due;
  }
}
