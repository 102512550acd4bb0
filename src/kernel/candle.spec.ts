import { lastClosedSlot, nextSlot } from './candle';

describe('candle slots', () => {
  it('aligns to the interval boundary at or before now', () => {
    const t = Date.UTC(2026, 10, 24, 12, 34, 56, 789);
    expect(lastClosedSlot('1m', t)).toBe(Date.UTC(2026, 10, 24, 12, 34));
    expect(lastClosedSlot('1h', t)).toBe(Date.UTC(2026, 10, 24, 12));
    expect(lastClosedSlot('1d', t)).toBe(Date.UTC(2026, 10, 24));
    expect(lastClosedSlot('1s', t)).toBe(Date.UTC(2026, 10, 24, 12, 34, 56));
    expect(nextSlot('15m', t)).toBe(Date.UTC(2026, 10, 24, 12, 45));
  });

  it('counts a boundary instant as closed', () => {
    const boundary = Date.UTC(2026, 10, 24, 12, 35);
    expect(lastClosedSlot('5m', boundary)).toBe(boundary);
  });
});
