import { RetryLaterError } from '../../kernel/errors/retry-later.error';
import type { AppConfig } from '../../config/app-config';
import { BacktestPool } from './backtest-pool.service';

describe('BacktestPool places', () => {
  let pool: BacktestPool;

  beforeEach(() => {
    pool = new BacktestPool(
      {
        backtestConcurrency: 1,
        backtestQueue: 2,
        backtestsPerUser: 2,
      } as AppConfig,
      { classModules: [], files: [], timeBudgetMs: 1000 },
      null,
    );
  });

  afterEach(() => pool.onModuleDestroy());

  const refusal = (userId: string) => {
    try {
      pool.reserve(userId);
      return undefined;
    } catch (error) {
      return error as RetryLaterError;
    }
  };

  it('refuses a user past their share, then anyone past every place, with 429 and Retry-After', () => {
    pool.reserve('ann');
    pool.reserve('ann');
    const ann = refusal('ann');
    expect(ann).toBeInstanceOf(RetryLaterError);
    expect(ann!.getStatus()).toBe(429);
    expect(ann!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(ann!.message).toMatch(/^you have 2 backtests running or waiting/);
    pool.reserve('bob');
    expect(refusal('carl')!.message).toMatch(/^every backtest place is taken \(3\)/);
  });

  it('gives a place back only once its request has left and its work has ended', async () => {
    const place = pool.reserve('ann');
    pool.reserve('bob');
    pool.reserve('carl');
    let finish!: () => void;
    const running = place.run(() => new Promise<void>((resolve) => (finish = resolve)));
    // The client went away mid-run: the thread's work still holds the place.
    place.leave();
    expect(place.signal.aborted).toBe(true);
    expect(refusal('dave')).toBeInstanceOf(RetryLaterError);
    finish();
    await running;
    expect(refusal('dave')).toBeUndefined();
  });

  it('runs nothing for a request gone before its work started', async () => {
    const gone = pool.reserve('ann');
    gone.leave();
    await expect(gone.run(async () => 'ran')).rejects.toThrow('the backtest request ended');
  });

  it('keeps a place whose work ended until its response has gone, and frees it once', async () => {
    const place = pool.reserve('ann');
    await place.run(async () => undefined);
    pool.reserve('ann');
    expect(refusal('ann')).toBeInstanceOf(RetryLaterError);
    place.leave();
    place.leave();
    pool.reserve('ann');
    expect(refusal('ann')).toBeInstanceOf(RetryLaterError);
    expect(refusal('bob')).toBeUndefined();
    expect(refusal('carl')).toBeInstanceOf(RetryLaterError);
  });
});
