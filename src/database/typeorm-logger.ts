import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLoggerInterface } from 'typeorm';

/** lock_not_available: a tick finding its bot busy, which is expected and counted. */
const LOCK_NOT_AVAILABLE = '55P03';
export const SLOW_QUERY_THRESHOLD_MS = 1000;

/**
 * TypeORM's own logger prints failed queries with their parameters to stdout; parameters
 * can hold password hashes and ciphertexts, so this one never logs them, and it keeps
 * an expected NOWAIT failure out of the error log.
 */
export class TypeOrmLogger implements TypeOrmLoggerInterface {
  private readonly logger = new Logger('Database');

  logQuery(): void {}

  /** Parameters are deliberately dropped: they may hold secrets. */
  logQueryError(error: string | Error, query: string, _parameters?: unknown[]): void {
    const code = typeof error === 'string' ? undefined : (error as { code?: string }).code;
    const message = typeof error === 'string' ? error : error.message;
    if (code === LOCK_NOT_AVAILABLE) {
      this.logger.debug(`row busy (NOWAIT): ${message}`);
      return;
    }
    this.logger.error(`query failed: ${message} [${summarise(query)}]`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms): ${summarise(query)}`);
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.debug(String(message));
  }
}

/** The statement's first words: enough to find it, never its parameters. */
function summarise(query: string): string {
  const oneLine = query.replace(/\s+/g, ' ').trim();
  return oneLine.length > 120 ? `${oneLine.slice(0, 120)}…` : oneLine;
}
