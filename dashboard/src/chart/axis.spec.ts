import { type BarPrice, TickMarkType, type UTCTimestamp } from 'lightweight-charts';
import { cutByEdge, priceFormat, tickLabel } from './axis';

const at = (iso: string) => (Date.parse(iso) / 1000) as UTCTimestamp;

describe('tickLabel', () => {
  it('names the day with every time', () => {
    expect(tickLabel(at('2026-12-07T14:05:00Z'), TickMarkType.Time, 'UTC')).toBe('Dec 7, 14:05');
    expect(tickLabel(at('2026-12-07T14:05:09Z'), TickMarkType.TimeWithSeconds, 'UTC')).toBe(
      'Dec 7, 14:05:09',
    );
    expect(tickLabel(at('2026-12-07T00:00:00Z'), TickMarkType.DayOfMonth, 'UTC')).toBe('Dec 7');
    expect(tickLabel(at('2026-01-01T00:00:00Z'), TickMarkType.Year, 'UTC')).toBe('2026');
  });
});

describe('priceFormat', () => {
  it("writes the price axis with thousands separators, on the symbol's tick", () => {
    expect(priceFormat('0.01000000').formatter(94791.021825 as BarPrice)).toBe('94,791.02');
    expect(priceFormat().formatter(27557.1 as BarPrice)).toBe('27,557.10');
  });
});

describe('cutByEdge', () => {
  it('leaves out a label that would stick out of either edge, not one inside', () => {
    const label = 'Dec 7, 18:38'; // 12 characters: about 86 px at 12 px
    expect(cutByEdge(label, 20, 800)).toBe(true);
    expect(cutByEdge(label, 790, 800)).toBe(true);
    expect(cutByEdge(label, 50, 800)).toBe(false);
    expect(cutByEdge(label, null, 800)).toBe(false);
  });
});
