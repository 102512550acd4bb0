import { type CandleRange, candlesEnd, closesOver, endToShow, holdInterval } from './range-candles';
import type { ApiCandle } from './series';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const range: CandleRange = { symbol: 'ETHUSDT', interval: '1m', startTime: 0, endTime: 7 * DAY };
const candle = (openTime: number, length = MINUTE, close = '1'): ApiCandle => ({
  openTime,
  open: close,
  high: close,
  low: close,
  close,
  volume: '1',
  closeTime: openTime + length - 1,
});

describe('candlesEnd', () => {
  it("ends a long range's candles a little after the table's last trade, not past the range", () => {
    expect(candlesEnd(range, DAY)).toBe(DAY + 30 * MINUTE);
    expect(candlesEnd(range, 7 * DAY - MINUTE)).toBe(7 * DAY);
    expect(candlesEnd(range, undefined)).toBe(7 * DAY);
  });
});

describe('endToShow', () => {
  const shown = [candle(DAY), candle(DAY + MINUTE)];

  it('keeps the candles that hold the trade', () => {
    expect(endToShow(range, shown, DAY + MINUTE)).toBeUndefined();
    // Filled just after the last candle's close.
    expect(endToShow(range, shown, DAY + 2 * MINUTE + 100)).toBeUndefined();
  });

  it("asks for candles that put a trade elsewhere in the chart's middle", () => {
    expect(endToShow(range, shown, 2 * DAY)).toBe(2 * DAY + 250 * MINUTE);
    expect(endToShow(range, undefined, 7 * DAY - MINUTE)).toBe(7 * DAY);
  });
});

describe('holdInterval', () => {
  it('takes the shortest interval that spans the range in one request', () => {
    expect(holdInterval({ ...range, endTime: 400 * MINUTE })).toBe('1m');
    // 10,080 minutes: 30m candles are 336 of them, 15m 672.
    expect(holdInterval(range)).toBe('30m');
    expect(holdInterval({ ...range, interval: '1h' })).toBe('1h');
  });
});

describe('closesOver', () => {
  it("takes the long candles closed before the run's last candle, then that one", () => {
    const hours = [0, 1, 2].map((hour) => candle(hour * 60 * MINUTE, 60 * MINUTE));
    const last = candle(150 * MINUTE);
    expect(closesOver(hours, last)).toEqual([hours[0], hours[1], last]);
  });
});
