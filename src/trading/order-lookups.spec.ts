import { absenceIsFinal, nextLookupAt } from './order-lookups';

const attempt = Date.UTC(2026, 0, 5, 12, 0, 0);
const SECOND = 1000;

describe('lookups of an order whose outcome is unknown', () => {
  it('comes back at 2 s, 5 s and 15 s, then every grace period', () => {
    const grace = 30 * SECOND;
    const due = [attempt];
    for (let i = 0; i < 6; i++) due.push(nextLookupAt(attempt, due.at(-1)!, grace));
    expect(due.slice(1).map((at) => (at - attempt) / SECOND)).toEqual([2, 5, 15, 30, 60, 90]);
  });

  it('counts from the attempt, however late a lookup ran', () => {
    const grace = 30 * SECOND;
    expect(nextLookupAt(attempt, attempt + 7 * SECOND, grace)).toBe(attempt + 15 * SECOND);
    expect(nextLookupAt(attempt, attempt + 31 * SECOND, grace)).toBe(attempt + 60 * SECOND);
  });

  it('skips early lookups that would not come before the grace period ends', () => {
    expect(nextLookupAt(attempt, attempt, 6 * SECOND)).toBe(attempt + 2 * SECOND);
    expect(nextLookupAt(attempt, attempt + 5 * SECOND, 6 * SECOND)).toBe(attempt + 6 * SECOND);
    expect(nextLookupAt(attempt, attempt, SECOND)).toBe(attempt + SECOND);
  });

  it('believes "no such order" only once the grace period has passed', () => {
    const grace = 30 * SECOND;
    expect(absenceIsFinal(attempt, attempt + 15 * SECOND, grace)).toBe(false);
    expect(absenceIsFinal(attempt, attempt + 30 * SECOND - 1, grace)).toBe(false);
    expect(absenceIsFinal(attempt, attempt + 30 * SECOND, grace)).toBe(true);
  });
});
