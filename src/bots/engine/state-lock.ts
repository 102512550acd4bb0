import { type EntityManager, QueryFailedError } from 'typeorm';
import { BotState } from '../entities/bot-state.entity';

/** PostgreSQL's lock_not_available: the row is locked by another transaction. */
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * SELECT … FOR UPDATE NOWAIT on the bot's state row: the one guard that keeps two ticks of
 * a bot from running at once. (TypeORM 0.x had a separate "pessimistic write or fail" mode; in 1.x
 * that spelling takes no lock at all, see stack.md.)
 */
export function lockStateNowait(manager: EntityManager, botId: string): Promise<BotState | null> {
  return manager.findOne(BotState, {
    where: { id: botId },
    lock: { mode: 'pessimistic_write', onLocked: 'nowait' },
  });
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
