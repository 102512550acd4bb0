import { AppConfig } from '../../config/app-config';
import { RetryLaterError } from '../../kernel/errors/retry-later.error';
import { InMemoryLoginAttemptStore, type LoginAttemptStore } from './login-attempt-store';
import {
  ACCOUNT_FAILURE_CEILING,
  LOGIN_FAILURE_LIMIT,
  LoginThrottle,
  NETWORK_FAILURE_LIMIT,
} from './login-throttle.service';

const config = { loginThrottleWindowMs: 60_000 } as AppConfig;
const OWNER = 'admin@localhost';

describe('LoginThrottle', () => {
  let now: number;
  let throttle: LoginThrottle;

  beforeEach(() => {
    now = 1_000_000;
    throttle = new LoginThrottle(new InMemoryLoginAttemptStore(100_000, () => now), config);
  });

  /** The wait in seconds a login attempt is refused with, or 0 when it is admitted. */
  const refusal = (email: string, address: string) =>
    throttle.admit(email, address).then(
      () => 0,
      (error: RetryLaterError) => error.retryAfterSeconds,
    );

  /** Admits and fails `count` attempts, each from the next address `address(i)` gives. */
  async function fail(count: number, email: (i: number) => string, address: (i: number) => string) {
    for (let i = 0; i < count; i++) expect(await refusal(email(i), address(i))).toBe(0);
  }

  it("refuses a stranger's network after its failures, and lets the owner's network in", async () => {
    await fail(
      LOGIN_FAILURE_LIMIT,
      () => OWNER,
      () => '203.0.113.66',
    );
    expect(await refusal(OWNER, '203.0.113.66')).toBe(60);
    // The owner's address, and the stranger's on another account, are not held up.
    expect(await refusal(OWNER, '198.51.100.7')).toBe(0);
    expect(await refusal('other@example.com', '203.0.113.66')).toBe(0);
  });

  it('never slows the owner for one stranger guessing at full speed, hour after hour', async () => {
    for (let minute = 0; minute < 60; minute++) {
      await fail(
        LOGIN_FAILURE_LIMIT,
        () => OWNER,
        () => '203.0.113.66',
      );
      expect(await refusal(OWNER, '203.0.113.66')).toBeGreaterThan(0);
      expect(await refusal(OWNER, '198.51.100.7')).toBe(0);
      await (await throttle.admit(OWNER, '198.51.100.7')).succeeded();
      now += 60_000;
    }
  });

  it('counts an IPv6 /64 as one network', async () => {
    await fail(
      LOGIN_FAILURE_LIMIT,
      () => OWNER,
      (i) => `2001:db8:0:66::${i + 1}`,
    );
    expect(await refusal(OWNER, '2001:db8:0:66::ffff')).toBe(60);
    expect(await refusal(OWNER, '2001:db8:0:67::1')).toBe(0);
  });

  it('refuses a network that fails on many accounts', async () => {
    await fail(
      NETWORK_FAILURE_LIMIT,
      (i) => `user${i}@example.com`,
      () => '203.0.113.66',
    );
    expect(await refusal('fresh@example.com', '203.0.113.66')).toBe(60);
    expect(await refusal('fresh@example.com', '203.0.113.67')).toBe(0);
  });

  it('backs off attempts on an account failed from many networks, with a growing delay', async () => {
    const spread = (i: number) => `10.0.${Math.floor(i / LOGIN_FAILURE_LIMIT)}.1`;
    await fail(ACCOUNT_FAILURE_CEILING, () => OWNER, spread);
    // Even a fresh network waits; one attempt gets in per delay, which doubles.
    expect(await refusal(OWNER, '198.51.100.7')).toBe(1);
    now += 1000;
    expect(await refusal(OWNER, '198.51.100.8')).toBe(0);
    expect(await refusal(OWNER, '198.51.100.7')).toBe(2);
    now += 2000;
    expect(await refusal(OWNER, '198.51.100.7')).toBe(0);
    expect(await refusal(OWNER, '198.51.100.7')).toBe(4);
    // Other accounts are not slowed.
    expect(await refusal('other@example.com', '198.51.100.7')).toBe(0);
  });

  it('takes a right password back from every count', async () => {
    for (let i = 0; i < 3 * LOGIN_FAILURE_LIMIT; i++) {
      await (await throttle.admit(OWNER, '203.0.113.66')).succeeded();
    }
    expect(await refusal(OWNER, '203.0.113.66')).toBe(0);
  });

  it('pauses logins with a 503 and Retry-After when the attempt counts cannot be reached', async () => {
    const unreachable: LoginAttemptStore = {
      take: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')),
      giveBack: () => Promise.resolve(),
    };
    const refused = await new LoginThrottle(unreachable, config)
      .admit('a@example.com', '127.0.0.1')
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RetryLaterError);
    expect((refused as RetryLaterError).getStatus()).toBe(503);
    expect((refused as RetryLaterError).retryAfterSeconds).toBe(5);
    expect((refused as RetryLaterError).message).not.toContain('6379');
  });
});
