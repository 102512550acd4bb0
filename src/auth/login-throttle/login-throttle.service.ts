import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { RetryLaterError } from '../../common/errors/retry-later.error';
import { clientNetwork } from './client-network';
import { LOGIN_ATTEMPT_STORE, type LoginAttemptStore } from './login-attempt-store';

/** Failed password checks an account, or a client address, may have in a window. */
export const LOGIN_FAILURE_LIMIT = 10;

export const TOO_MANY_FAILURES = 'too many failed logins: try again later';

/** How soon to try again when the attempt counts (Redis) cannot be reached. */
const COUNTS_UNAVAILABLE_RETRY_SECONDS = 5;

/** Marks an admitted attempt as a success, so that only failures count. */
export type LoginAttempt = { succeeded(): Promise<void> };

/**
 * Throttles password checks per account and per client address. An attempt is counted
 * before its password is hashed (each argon2 check costs 64 MiB), so parallel guesses
 * cannot all get in under the limit, and given back when the password was right.
 */
@Injectable()
export class LoginThrottle {
  private readonly windowMs: number;

  constructor(
    @Inject(LOGIN_ATTEMPT_STORE) private readonly store: LoginAttemptStore,
    config: AppConfig,
  ) {
    this.windowMs = config.loginThrottleWindowMs;
  }

  /** 429 with Retry-After when the account or the address has failed too often. */
  async admit(email: string, address: string): Promise<LoginAttempt> {
    const keys = [`account:${email.toLowerCase()}`, `address:${clientNetwork(address)}`];
    // Without the counts a guess cannot be limited: refuse to check passwords, and say when
    // to come back, rather than check them unthrottled or answer a bare 500.
    const waitMs = await this.store
      .take(keys, LOGIN_FAILURE_LIMIT, this.windowMs)
      .catch((): never => {
        throw new RetryLaterError(
          'logins are paused: the attempt counts cannot be reached; try again shortly',
          COUNTS_UNAVAILABLE_RETRY_SECONDS,
          HttpStatus.SERVICE_UNAVAILABLE,
        );
      });
    if (waitMs > 0) throw new RetryLaterError(TOO_MANY_FAILURES, Math.ceil(waitMs / 1000));
    return { succeeded: () => this.store.giveBack(keys) };
  }
}
