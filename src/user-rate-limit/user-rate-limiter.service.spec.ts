import type { AppConfig } from '../config/app-config';
import { RetryLaterError } from '../kernel/errors/retry-later.error';
import { InMemoryUserRateLimitStore } from './user-rate-limit-store';
import { LimitedAction, USER_RATE_WINDOW_MS, UserRateLimiter } from './user-rate-limiter.service';

describe('UserRateLimiter', () => {
  let now: number;
  let limiter: UserRateLimiter;

  beforeEach(() => {
    now = Date.UTC(2026, 0, 1);
    const store = new InMemoryUserRateLimitStore(USER_RATE_WINDOW_MS, 100_000, () => now);
    limiter = new UserRateLimiter(store, {
      rangedBacktestsPerMinute: 2,
      candleRequestsPerMinute: 3,
      notificationTestsPerMinute: 1,
    } as AppConfig);
  });

  const refusal = (userId: string, action: LimitedAction) =>
    limiter.take(userId, action).then(
      () => undefined,
      (error: unknown) => error as RetryLaterError,
    );

  it("refuses a user's request past the action's limit with 429 and Retry-After", async () => {
    await limiter.take('ann', LimitedAction.RangedBacktest);
    now += 10_000;
    await limiter.take('ann', LimitedAction.RangedBacktest);
    now += 5_500;
    const refused = await refusal('ann', LimitedAction.RangedBacktest);
    expect(refused).toBeInstanceOf(RetryLaterError);
    expect(refused!.getStatus()).toBe(429);
    expect(refused!.retryAfterSeconds).toBe(45);
    expect(refused!.message).toBe('at most 2 ranged backtests a minute per user; retry in 45 s');
  });

  it('counts each user and each action apart', async () => {
    await limiter.take('ann', LimitedAction.NotificationTest);
    expect(await refusal('ann', LimitedAction.NotificationTest)).toBeInstanceOf(RetryLaterError);
    expect(await refusal('bob', LimitedAction.NotificationTest)).toBeUndefined();
    for (let i = 0; i < 3; i++) await limiter.take('ann', LimitedAction.CandleRequest);
    expect(await refusal('ann', LimitedAction.CandleRequest)).toBeInstanceOf(RetryLaterError);
  });

  it('counts a refused request against nothing, and starts over when the minute ends', async () => {
    await limiter.take('ann', LimitedAction.NotificationTest);
    for (let i = 0; i < 5; i++) await refusal('ann', LimitedAction.NotificationTest);
    now += USER_RATE_WINDOW_MS;
    await limiter.take('ann', LimitedAction.NotificationTest);
    expect(await refusal('ann', LimitedAction.NotificationTest)).toBeInstanceOf(RetryLaterError);
  });
});

describe('InMemoryUserRateLimitStore', () => {
  it('forgets the oldest windows past maxKeys', async () => {
    const store = new InMemoryUserRateLimitStore(60_000, 2, () => 0);
    await store.take('a', 1);
    await store.take('b', 1);
    await store.take('c', 1);
    expect(await store.take('a', 1)).toBe(0);
    expect(await store.take('c', 1)).toBe(60_000);
  });

  it('answers 503 with Retry-After, not a 500, when the counts cannot be reached', async () => {
    const down = new UserRateLimiter(
      { take: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')) },
      { candleRequestsPerMinute: 3 } as AppConfig,
    );
    const refused = await down.take('ann', LimitedAction.CandleRequest).then(
      () => undefined,
      (error: unknown) => error as RetryLaterError,
    );
    expect(refused).toBeInstanceOf(RetryLaterError);
    expect(refused!.getStatus()).toBe(503);
    expect(refused!.retryAfterSeconds).toBe(5);
    expect(refused!.message).not.toContain('6379');
  });
});
