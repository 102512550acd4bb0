import { type EntityManager, QueryFailedError } from 'typeorm';
import type { EntityRows } from '../../database/entity-rows';
import { BotState } from '../../database/entities/bot-state.entity';

/** PostgreSQL's lock_not_available: the row is locked by another transaction. */
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * SELECT … FOR UPDATE NOWAIT on the bot's state row: the one guard that keeps two ticks of
 * a bot from running at once. It is the SQL of TypeORM's `{ mode: 'pessimistic_write',
 * onLocked: 'nowait' }` (0.x's "pessimistic write or fail"; in 1.x that old spelling takes
 * no lock at all, see docs/stack.md), sent as plain SQL: on the hot path TypeORM's query building
 * and hydration cost more than the statement (BENCHMARKS.md).
 */
export function lockStateNowait(
  rows: EntityRows<BotState>,
  manager: EntityManager,
  botId: string,
): Promise<BotState | null> {
  return rows.lockByIdNowait(manager, botId);
}

/** The same lock, but waiting: for recording a fill, which must not be skipped. */
export function lockState(manager: EntityManager, botId: string): Promise<BotState | null> {
  return manager.findOne(BotState, { where: { id: botId }, lock: { mode: 'pessimistic_write' } });
}

export function isLockNotAvailable(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string } | undefined)?.code === LOCK_NOT_AVAILABLE
  );
}
