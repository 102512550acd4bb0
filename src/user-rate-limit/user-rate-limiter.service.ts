import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RetryLaterError } from '../kernel/errors/retry-later.error';
import { USER_RATE_LIMIT_STORE, type UserRateLimitStore } from './user-rate-limit-store';

/** Every limit counts requests a minute. */
export const USER_RATE_WINDOW_MS = 60_000;
/** How soon to try again when the counts (Redis) cannot be reached. */
const COUNTS_UNAVAILABLE_RETRY_SECONDS = 5;

/** The requests limited per user, each against its own count. */
export enum LimitedAction {
  RangedBacktest = 'ranged-backtest',
  CandleRequest = 'candle-request',
  NotificationTest = 'notification-test',
}

const NAMES: Record<LimitedAction, string> = {
  [LimitedAction.RangedBacktest]: 'ranged backtests',
  [LimitedAction.CandleRequest]: 'candle requests',
  [LimitedAction.NotificationTest]: 'notification tests',
};

/**
 * The one per-user rate limiter of the API: a user past an action's limit a minute gets 429
 * with Retry-After. In Redis when there is one, so every API process counts the same.
 */
@Injectable()
export class UserRateLimiter {
  private readonly limits: Record<LimitedAction, number>;

  constructor(
    @Inject(USER_RATE_LIMIT_STORE) private readonly store: UserRateLimitStore,
    config: AppConfig,
  ) {
    this.limits = {
      [LimitedAction.RangedBacktest]: config.rangedBacktestsPerMinute,
      [LimitedAction.CandleRequest]: config.candleRequestsPerMinute,
      [LimitedAction.NotificationTest]: config.notificationTestsPerMinute,
    };
  }

  /** Counts one `action` of the user, or throws 429 with Retry-After past the limit. */
  async take(userId: string, action: LimitedAction): Promise<void> {
    const limit = this.limits[action];
    // Unlimited while the counts are out of reach would let a flood through: a 503 instead.
    const waitMs = await this.store.take(`${action}:${userId}`, limit).catch((): never => {
      throw new RetryLaterError(
        `${NAMES[action]} are paused: the per-user counts cannot be reached; try again shortly`,
        COUNTS_UNAVAILABLE_RETRY_SECONDS,
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    });
    if (waitMs <= 0) return;
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    throw new RetryLaterError(
      `at most ${limit} ${NAMES[action]} a minute per user; retry in ${seconds} s`,
      seconds,
    );
  }
}
