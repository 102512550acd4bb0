import type { ApiCandle } from './series';
import {
  builtInStrategy,
  type IndicatorHistory,
  indicatorHistory,
  placeIndicators,
  strategyIndicators,
} from './strategy-indicators';

const MINUTE = 60_000;
const closes = [100, 101, 103, 102, 104, 107, 106, 108, 105, 104];
const candles: ApiCandle[] = closes.map((close, i) => ({
  openTime: i * MINUTE,
  open: close,
  high: close + 1,
  low: close - 1,
  close: String(close),
  volume: '1',
  closeTime: (i + 1) * MINUTE - 1,
}));
const emaRsi = { emaFast: 2, emaSlow: 4, rsiPeriod: 2, rsiOverbought: 70, rsiOversold: 30 };

describe('indicatorHistory', () => {
  it("runs the built-in strategy's own evaluator over the candles", () => {
    const history = indicatorHistory(builtInStrategy('ema-rsi')!, emaRsi, candles)!;
    expect([...history.keys()]).toEqual(['emaFast', 'emaSlow', 'rsi']);
    // The engine's EMA: NaN until the period's first close, then its mean.
    expect(history.get('emaSlow')!.slice(0, 4)).toEqual([
      NaN,
      NaN,
      NaN,
      (100 + 101 + 103 + 102) / 4,
    ]);
  });

  it('draws nothing for params the strategy refuses, or a strategy from a file', () => {
    expect(indicatorHistory(builtInStrategy('ema-rsi')!, { emaFast: 1 }, candles)).toBeNull();
    expect(strategyIndicators('my-file-strategy', {}, candles)).toBeNull();
  });
});

describe('placeIndicators', () => {
  const at = (value: number) => closes.map(() => value);

  it('draws ema-rsi as before: EMAs on the candles, RSI in a 0–100 pane with its levels', () => {
    const panes = strategyIndicators('ema-rsi', emaRsi, candles)!;
    expect(panes.overlays.map((line) => line.title)).toEqual(['EMA 2', 'EMA 4']);
    expect(panes.bounded.map((line) => line.title)).toEqual(['RSI 2']);
    expect(panes.levels).toEqual([70, 30]);
    expect(panes.unbounded).toEqual([]);
    // Warming-up values are left out: the first EMA(4) point is the 4th candle's.
    expect(panes.overlays[1].points[0].time).toBe(180);
  });

  it('puts values near the price over the candles and the others in panes below', () => {
    const history: IndicatorHistory = new Map([
      ['upper', at(110)],
      ['supertrend', at(95)],
      ['stochK', at(20)],
      ['adx', at(40)],
      ['macd', at(0.5)],
      ['macdSignal', at(0.4)],
      ['atr', at(2)],
    ]);
    const panes = placeIndicators(history, candles, {});
    expect(panes.overlays.map((line) => line.name)).toEqual(['upper', 'supertrend']);
    expect(panes.bounded.map((line) => line.name)).toEqual(['stochK', 'adx']);
    expect(panes.unbounded.map((line) => line.name)).toEqual(['macd', 'macdSignal', 'atr']);
    expect(panes.levels).toEqual([]);
  });

  it('keeps an oscillator off the price scale even when the price is near its values', () => {
    const cheap = candles.map((candle) => ({ ...candle, close: '50' }));
    const panes = placeIndicators(new Map([['rsi', at(50)]]), cheap, {});
    expect(panes.bounded.map((line) => line.name)).toEqual(['rsi']);
  });

  it('leaves out an indicator that never has a value, and a flag such as a direction', () => {
    const direction = closes.map((_, i) => (i % 2 ? 1 : -1));
    const history: IndicatorHistory = new Map([
      ['later', at(NaN)],
      ['direction', direction],
    ]);
    const panes = placeIndicators(history, candles, {});
    expect(panes).toEqual({ overlays: [], bounded: [], levels: [], unbounded: [] });
  });
});
