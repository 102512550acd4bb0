import type { UTCTimestamp } from 'lightweight-charts';
import { buyAndHold, drawdown, equityLine } from './equity-series';
import type { ApiCandle } from './series';

const HOUR = 3_600_000;
const t = (s: number) => s as UTCTimestamp;

describe('equityLine', () => {
  it('keeps every point of a short run, in seconds', () => {
    expect(
      equityLine([
        { time: 1000, value: '10000' },
        { time: 2000, value: '10012.5' },
      ]),
    ).toEqual([
      { time: 1, value: 10000 },
      { time: 2, value: 10012.5 },
    ]);
  });

  it('thins a long run to a few thousand points, the last kept', () => {
    const points = Array.from({ length: 10_001 }, (_, i) => ({ time: i * 1000, value: String(i) }));
    const line = equityLine(points);
    expect(line.length).toBeLessThanOrEqual(4001);
    expect(line.at(-1)).toEqual({ time: 10_000, value: 10_000 });
  });
});

describe('drawdown', () => {
  it('is the percent below the peak so far', () => {
    const line = [100, 120, 90, 130].map((value, i) => ({ time: t(i), value }));
    expect(drawdown(line).map((point) => point.value)).toEqual([0, 0, -25, 0]);
  });
});

describe('buyAndHold', () => {
  const candles: ApiCandle[] = [50, 100, 110, 80].map((close, i) => ({
    openTime: i * HOUR,
    open: close,
    high: close,
    low: close,
    close: String(close),
    volume: '1',
    closeTime: (i + 1) * HOUR - 1,
  }));

  it("is the start's equity bought at its close and held, at each close from the start", () => {
    const start = { time: 2 * HOUR - 1, value: '10000' };
    expect(buyAndHold(start, '100', candles)).toEqual([
      { time: t(Math.floor((2 * HOUR - 1) / 1000)), value: 10000 },
      { time: t(Math.floor((3 * HOUR - 1) / 1000)), value: 11000 },
      { time: t(Math.floor((4 * HOUR - 1) / 1000)), value: 8000 },
    ]);
  });

  it('thins a long run to a few thousand points, the last kept', () => {
    const many = Array.from({ length: 10_001 }, (_, i) => ({ ...candles[0], closeTime: i * 1000 }));
    const line = buyAndHold({ time: 0, value: '100' }, '50', many);
    expect(line.length).toBeLessThanOrEqual(4001);
    expect(line.at(-1)?.time).toBe(10_000);
  });

  it("starts at the run's first close when the candles shown begin later", () => {
    const start = { time: -1, value: '10000' };
    expect(buyAndHold(start, '50', candles.slice(3))).toEqual([
      { time: t(Math.floor((4 * HOUR - 1) / 1000)), value: 16000 },
    ]);
  });
});
