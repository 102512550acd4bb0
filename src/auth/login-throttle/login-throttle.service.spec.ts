import { AppConfig } from '../../config/app-config';
import { RetryLaterError } from '../../common/errors/retry-later.error';
import type { LoginAttemptStore } from './login-attempt-store';
import { LoginThrottle } from './login-throttle.service';

const config = { loginThrottleWindowMs: 60_000 } as AppConfig;

describe('LoginThrottle', () => {
  it('pauses logins with a 503 and Retry-After when the attempt counts cannot be reached', async () => {
    const unreachable: LoginAttemptStore = {
      take: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')),
      giveBack: () => Promise.resolve(),
    };
    const refusal = await new LoginThrottle(unreachable, config)
      .admit('a@example.com', '127.0.0.1')
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RetryLaterError);
    expect((refusal as RetryLaterError).getStatus()).toBe(503);
    expect((refusal as RetryLaterError).retryAfterSeconds).toBe(5);
    expect((refusal as RetryLaterError).message).not.toContain('6379');
  });
});
