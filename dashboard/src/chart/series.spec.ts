import type { UTCTimestamp } from 'lightweight-charts';
import {
  type ApiCandle,
  curveMarkers,
  type Fill,
  fillMarkers,
  initialWindow,
  windowAt,
} from './series';

const MINUTE = 60_000;
const candles: ApiCandle[] = [100, 101, 103, 102, 104, 107].map((close, i) => ({
  openTime: i * MINUTE,
  open: close,
  high: close + 1,
  low: close - 1,
  close: String(close),
  volume: '1',
  closeTime: (i + 1) * MINUTE - 1,
}));

describe('fillMarkers', () => {
  it('puts a fill on the candle whose close it filled at, buys below and sells above', () => {
    const markers = fillMarkers(candles, [
      // A bot's fill comes just after its candle closed; a backtest's at the closeTime itself.
      { time: 2 * MINUTE + 150, side: 'BUY', price: '103' },
      { time: 4 * MINUTE - 1, side: 'SELL', price: '102', reason: 'stop_loss' },
    ]);
    expect(markers).toEqual([
      expect.objectContaining({ time: 60, position: 'belowBar', text: 'Buy 103.00' }),
      expect.objectContaining({
        time: 180,
        position: 'aboveBar',
        text: 'Sell 102.00 (stop_loss)',
      }),
    ]);
  });

  it("labels a fill with its price on the symbol's tick, thousands separated", () => {
    const [marker] = fillMarkers(candles, [
      { time: 2 * MINUTE, side: 'SELL', price: '27557.081234' },
    ]);
    expect(marker.text).toBe('Sell 27,557.08');
    const [onTick] = fillMarkers(
      candles,
      [{ time: 2 * MINUTE, side: 'BUY', price: '94791.5' }],
      '0.10000000',
    );
    expect(onTick.text).toBe('Buy 94,791.5');
  });

  it('leaves out fills from before the first candle shown, or after the one that follows the last', () => {
    expect(fillMarkers(candles.slice(3), [{ time: MINUTE, side: 'BUY', price: '1' }])).toEqual([]);
    const [last] = fillMarkers(candles.slice(0, 3), [
      { time: 4 * MINUTE - 1, side: 'BUY', price: '1' },
      { time: 4 * MINUTE + 1, side: 'BUY', price: '1' },
    ]);
    expect(last.time).toBe(120);
    expect(
      fillMarkers(candles.slice(0, 3), [{ time: 4 * MINUTE + 1, side: 'BUY', price: '1' }]),
    ).toEqual([]);
  });
});

describe('initialWindow', () => {
  it('shows the latest candles, reaching back to the oldest trade of the table', () => {
    expect(initialWindow(candles, undefined, 3)).toEqual({ from: 3, to: 8 });
    // A trade on the fourth candle is in the latest three's window, a few candles of room before it.
    expect(initialWindow(candles, 4 * MINUTE, 3)).toEqual({ from: 0, to: 8 });
    expect(initialWindow(candles, 2 * MINUTE, 3)).toEqual({ from: -2, to: 8 });
    // From before the first candle: all of them.
    expect(initialWindow(candles.slice(3), MINUTE, 1)).toEqual({ from: -3, to: 5 });
  });
});

describe('windowAt', () => {
  it("centers a fill's candle, as wide as the window shown, not past the latest", () => {
    expect(windowAt(candles, 3 * MINUTE, { from: 0, to: 2 })).toEqual({ from: 1, to: 3 });
    // Near the latest candle, the window ends where the first one did.
    expect(windowAt(candles, 6 * MINUTE, { from: -4, to: 4 })).toEqual({ from: 0, to: 8 });
    expect(windowAt(candles, -MINUTE, { from: 0, to: 4 })).toBeNull();
  });
});

describe('curveMarkers', () => {
  const times = Array.from({ length: 1000 }, (_, i) => i * 60);
  const fill = (i: number, side: Fill['side']): Fill => ({ time: i * 60_000, side, price: '1' });

  it('marks each fill on its point while they are few', () => {
    const markers = curveMarkers(times, [fill(3, 'BUY'), fill(7, 'SELL')], 10);
    expect(markers).toEqual([
      expect.objectContaining({ time: 180, shape: 'arrowUp', text: undefined }),
      expect.objectContaining({ time: 420, shape: 'arrowDown', text: undefined }),
    ]);
  });

  it('merges neighbours past the most, counting them, so the curve stays visible', () => {
    const fills = Array.from({ length: 1000 }, (_, i) => fill(i, i % 2 ? 'SELL' : 'BUY'));
    const markers = curveMarkers(times, fills, 200, 60);
    expect(markers.length).toBeLessThanOrEqual(60);
    expect(markers.length).toBeGreaterThan(50);
    expect(markers.reduce((sum, marker) => sum + Number(marker.text ?? 1), 0)).toBe(1000);
    expect(markers[0]).toMatchObject({ time: 0, shape: 'circle' });
    expect(markers.map((marker) => marker.time)).toEqual(
      [...markers.map((marker) => marker.time)].sort((a, b) => a - b),
    );
    // Merged sells alone keep their arrow.
    const sells = curveMarkers(
      times,
      fills.filter((f) => f.side === 'SELL'),
      100,
      60,
    );
    expect(sells[0]).toMatchObject({ shape: 'arrowDown', text: expect.stringMatching(/^\d+$/) });
    expect(sells[0].time).toBe(60 as UTCTimestamp);
  });
});
