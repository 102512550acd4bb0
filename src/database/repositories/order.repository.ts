import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, DeepPartial } from 'typeorm';
import { OrderStatus } from '../../kernel/bot.enums';
import { Order } from '../entities/order.entity';
import { managerOf, type Tx } from './transactions';

/** Order intents: the outbox rows committed before an order is sent, and their claims. */
@Injectable()
export class OrderRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Saves a new intent in the caller's transaction. */
  insert(tx: Tx, fields: DeepPartial<Order>): Promise<Order> {
    const manager = managerOf(this.dataSource, tx);
    return manager.save(manager.create(Order, fields));
  }

  /** The intent if it is still being sent (not yet filled, rejected or expired). */
  findSending(orderId: string, tx?: Tx): Promise<Order | null> {
    return managerOf(this.dataSource, tx).findOne(Order, {
      where: { id: orderId, status: OrderStatus.Sending },
    });
  }

  /**
   * A tick's intent, saved without reading back what the database fills in: the tick sets
   * every column it reads.
   */
  async insertIntent(tx: Tx, fields: DeepPartial<Order>): Promise<Order> {
    const manager = managerOf(this.dataSource, tx);
    const order = manager.create(Order, fields);
    await manager.save(Order, order, { reload: false });
    return order;
  }

  findById(orderId: string, tx?: Tx): Promise<Order | null> {
    return managerOf(this.dataSource, tx).findOne(Order, { where: { id: orderId } });
  }

  async update(tx: Tx, orderId: string, patch: OrderPatch): Promise<void> {
    await managerOf(this.dataSource, tx).update(Order, { id: orderId }, patch);
  }

  /**
   * Sets the claim `until` on an order in `sending` when nobody holds it (no claim, or one
   * expired by `now`); null when someone does or the order is resolved.
   */
  async takeClaim(
    orderId: string,
    until: Date,
    now: Date,
    tx?: Tx,
  ): Promise<{ before: Date | null; attemptAt: Date } | null> {
    const [rows] = (await managerOf(this.dataSource, tx).query(
      `WITH prev AS (
         SELECT claimed_until, last_attempt_at, created_at FROM "order"
         WHERE id = $1 AND status = 'SENDING' FOR UPDATE
       )
       UPDATE "order" SET claimed_until = $2 FROM prev
       WHERE "order".id = $1 AND (prev.claimed_until IS NULL OR prev.claimed_until <= $3)
       RETURNING prev.claimed_until AS before,
                 COALESCE(prev.last_attempt_at, prev.created_at) AS attempt_at`,
      [orderId, until, now],
    )) as [{ before: Date | null; attempt_at: Date }[], number];
    if (rows.length !== 1) return null;
    return { before: rows[0].before, attemptAt: rows[0].attempt_at };
  }

  /** Moves a claim still held (`heldUntil` is its fencing token) to `until`; false if lost. */
  async renewClaim(orderId: string, heldUntil: Date, until: Date): Promise<boolean> {
    const [, count] = (await managerOf(this.dataSource).query(
      `UPDATE "order" SET claimed_until = $3
       WHERE id = $1 AND status = 'SENDING' AND claimed_until = $2`,
      [orderId, heldUntil, until],
    )) as [unknown, number];
    return count === 1;
  }

  /** The same, recording when the attempt whose outcome is unknown ended; false if lost. */
  async renewClaimAfterAttempt(
    orderId: string,
    heldUntil: Date,
    until: Date,
    attemptAt: Date,
  ): Promise<boolean> {
    const [, count] = (await managerOf(this.dataSource).query(
      `UPDATE "order" SET claimed_until = $3, last_attempt_at = $4
       WHERE id = $1 AND status = 'SENDING' AND claimed_until = $2`,
      [orderId, heldUntil, until, attemptAt],
    )) as [unknown, number];
    return count === 1;
  }

  /**
   * The oldest intents in `sending` nobody holds: a claim run out by `now`, or never claimed
   * and created by `unclaimedBefore`.
   */
  async findUnclaimedSending(
    now: Date,
    unclaimedBefore: Date,
    limit: number,
  ): Promise<{ id: string; botId: string }[]> {
    const rows: { id: string; bot_id: string }[] = await managerOf(this.dataSource).query(
      `SELECT id, bot_id FROM "order"
       WHERE status = 'SENDING'
         AND (claimed_until <= $1 OR (claimed_until IS NULL AND created_at <= $2))
       ORDER BY created_at LIMIT ${limit}`,
      [now, unclaimedBefore],
    );
    return rows.map((row) => ({ id: row.id, botId: row.bot_id }));
  }

  countSending(): Promise<number> {
    return managerOf(this.dataSource).countBy(Order, { status: OrderStatus.Sending });
  }
}

/** Column values only: an update takes no relation objects. */
export type OrderPatch = Partial<Omit<Order, 'bot'>>;
