import { Logger } from '@nestjs/common';
import { TypeOrmLogger } from './typeorm-logger';

describe('TypeOrmLogger', () => {
  const calls: [string, string][] = [];
  const original = { error: Logger.prototype.error, debug: Logger.prototype.debug };

  beforeEach(() => {
    calls.length = 0;
    Logger.prototype.error = function (message: string) {
      calls.push(['error', message]);
    };
    Logger.prototype.debug = function (message: string) {
      calls.push(['debug', message]);
    };
  });

  afterEach(() => Object.assign(Logger.prototype, original));

  it('logs a failed query without its parameters', () => {
    new TypeOrmLogger().logQueryError(
      Object.assign(new Error('duplicate key value'), { code: '23505' }),
      'INSERT INTO "user_account" ("email", "password_hash") VALUES ($1, $2)',
      ['someone@example.com', '$argon2id$v=19$m=65536,t=3,p=4$secret'],
    );
    expect(calls).toHaveLength(1);
    expect(calls[0][0]).toBe('error');
    expect(calls[0][1]).toContain('duplicate key value');
    expect(calls[0][1]).not.toContain('$argon2');
    expect(calls[0][1]).not.toContain('someone@example.com');
  });

  it('keeps an expected NOWAIT failure out of the error log', () => {
    new TypeOrmLogger().logQueryError(
      Object.assign(new Error('could not obtain lock'), { code: '55P03' }),
      'SELECT … FOR UPDATE NOWAIT',
    );
    expect(calls.map(([level]) => level)).toEqual(['debug']);
  });
});
