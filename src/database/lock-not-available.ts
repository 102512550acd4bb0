import { QueryFailedError } from 'typeorm';

/** PostgreSQL's lock_not_available: the row is locked by another transaction. */
const LOCK_NOT_AVAILABLE = '55P03';

/** The failure of BotStateRepository.lockNowait on a row another transaction holds. */
export function isLockNotAvailable(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string } | undefined)?.code === LOCK_NOT_AVAILABLE
  );
}
