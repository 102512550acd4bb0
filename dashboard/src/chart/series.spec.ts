import { type ApiCandle, fillMarkers, indicatorLines } from './series';

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
      expect.objectContaining({ time: 60, position: 'belowBar', text: 'Buy 103' }),
      expect.objectContaining({ time: 180, position: 'aboveBar', text: 'Sell 102 (stop_loss)' }),
    ]);
  });

  it('leaves out fills from before the first candle shown', () => {
    expect(fillMarkers(candles.slice(3), [{ time: MINUTE, side: 'BUY', price: '1' }])).toEqual([]);
  });
});

describe('indicatorLines', () => {
  it("draws an EMA per ema… period and the RSI with its levels, from the bot's params", () => {
    const lines = indicatorLines(candles, {
      emaFast: 2,
      emaSlow: 4,
      rsiPeriod: 2,
      rsiOverbought: 70,
      rsiOversold: 30,
    });
    expect(lines.emas.map(({ name, period }) => [name, period])).toEqual([
      ['emaFast', 2],
      ['emaSlow', 4],
    ]);
    // The engine's EMA: NaN (left out) until the period's first close, then its mean.
    expect(lines.emas[1].points[0]).toEqual({ time: 180, value: (100 + 101 + 103 + 102) / 4 });
    expect(lines.rsi?.points).toHaveLength(candles.length - 2);
    expect(lines.rsi?.levels).toEqual([70, 30]);
  });

  it('draws no RSI pane for a strategy without rsiPeriod', () => {
    expect(indicatorLines(candles, { emaFast: 3 }).rsi).toBeNull();
  });
});
