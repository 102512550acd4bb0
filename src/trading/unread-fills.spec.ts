import {
  FILL_READ_PATIENCE_MS,
  MAX_FAILED_FILL_READS,
  settleFromOrderIfFillsFail,
} from './unread-fills';

const first = Date.UTC(2026, 0, 5, 12, 0, 0);

describe('settling an executed order whose fills cannot be read', () => {
  it('waits for its fills on the first lookups', () => {
    expect(settleFromOrderIfFillsFail({ count: 0, firstAt: null }, first)).toBe(false);
    expect(settleFromOrderIfFillsFail({ count: 1, firstAt: first }, first + 2_000)).toBe(false);
  });

  it('settles from the order at the third failed read, however soon it comes', () => {
    expect(MAX_FAILED_FILL_READS).toBe(3);
    expect(settleFromOrderIfFillsFail({ count: 2, firstAt: first }, first + 1)).toBe(true);
    expect(settleFromOrderIfFillsFail({ count: 5, firstAt: first }, first + 1)).toBe(true);
  });

  it('settles from the order once a minute has passed since the first failed read', () => {
    expect(FILL_READ_PATIENCE_MS).toBe(60_000);
    const failed = { count: 1, firstAt: first };
    expect(settleFromOrderIfFillsFail(failed, first + FILL_READ_PATIENCE_MS - 1)).toBe(false);
    expect(settleFromOrderIfFillsFail(failed, first + FILL_READ_PATIENCE_MS)).toBe(true);
  });
});
