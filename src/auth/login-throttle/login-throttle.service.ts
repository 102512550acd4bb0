import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { RetryLaterError } from '../../kernel/errors/retry-later.error';
import { clientNetwork } from './client-network';
import {
  type AttemptRule,
  LOGIN_ATTEMPT_STORE,
  type LoginAttemptStore,
} from './login-attempt-store';

/** Failed password checks an account may have from one client network in a window. */
export const LOGIN_FAILURE_LIMIT = 10;
/** Failed password checks one client network may have on any accounts in a window. */
export const NETWORK_FAILURE_LIMIT = 30;
/** Failed checks of an account from all networks before every attempt on it backs off. */
export const ACCOUNT_FAILURE_CEILING = 100;
/**
 * The account's window is this many login windows: long enough to catch a spread-out
 * guesser, short enough that one network (LOGIN_FAILURE_LIMIT a window) stays below half
 * the ceiling, so one stranger alone never slows the owner.
 */
export const ACCOUNT_WINDOW_FACTOR = 5;
/** The first back-off delay past the ceiling; it doubles per attempt, up to the window. */
export const ACCOUNT_BACKOFF_MS = 1000;

export const TOO_MANY_FAILURES = 'too many failed logins: try again later';

/** How soon to try again when the attempt counts (Redis) cannot be reached. */
const COUNTS_UNAVAILABLE_RETRY_SECONDS = 5;

/** Marks an admitted attempt as a success, so that only failures count. */
export type LoginAttempt = { succeeded(): Promise<void> };

/**
 * The counts a login attempt is checked against. A stranger's failures refuse only the
 * stranger's network (for that account, or for all once it tries many), so the owner from
 * another network still gets in; the account as a whole only slows down, never locks.
 */
export function loginAttemptRules(email: string, address: string, windowMs: number): AttemptRule[] {
  const account = `account:${email.toLowerCase()}`;
  const network = `network:${clientNetwork(address)}`;
  return [
    { key: `${account}|${network}`, limit: LOGIN_FAILURE_LIMIT, windowMs },
    { key: network, limit: NETWORK_FAILURE_LIMIT, windowMs },
    {
      key: account,
      limit: ACCOUNT_FAILURE_CEILING,
      windowMs: windowMs * ACCOUNT_WINDOW_FACTOR,
      backoffMs: ACCOUNT_BACKOFF_MS,
    },
  ];
}

/**
 * Throttles password checks (loginAttemptRules). An attempt is counted before its password
 * is hashed (each argon2 check costs 64 MiB), so parallel guesses cannot all get in under
 * a limit, and given back when the password was right.
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

  /** 429 with Retry-After when a count refuses the attempt. */
  async admit(email: string, address: string): Promise<LoginAttempt> {
    const rules = loginAttemptRules(email, address, this.windowMs);
    // Without the counts a guess cannot be limited: refuse to check passwords, and say when
    // to come back, rather than check them unthrottled or answer a bare 500.
    const waitMs = await this.store.take(rules).catch((): never => {
      throw new RetryLaterError(
        'logins are paused: the attempt counts cannot be reached; try again shortly',
        COUNTS_UNAVAILABLE_RETRY_SECONDS,
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    });
    if (waitMs > 0) throw new RetryLaterError(TOO_MANY_FAILURES, Math.ceil(waitMs / 1000));
    return { succeeded: () => this.store.giveBack(rules.map((rule) => rule.key)) };
  }
}
