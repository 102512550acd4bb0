import { simulatedCandles } from './simulated-feed';

describe('simulatedCandles', () => {
  const slot = Date.UTC(2026, 10, 24, 12);

  it('returns closed candles ending right before the slot', () => {
    const candles = simulatedCandles('BTCUSDT', '1m', slot, 100);
    expect(candles).toHaveLength(100);
    expect(candles.at(-1)!.closeTime).toBe(slot - 1);
    expect(candles[1].openTime - candles[0].openTime).toBe(60_000);
    for (const candle of candles) {
      expect(Number(candle.high)).toBeGreaterThanOrEqual(Math.max(+candle.open, +candle.close));
      expect(Number(candle.low)).toBeLessThanOrEqual(Math.min(+candle.open, +candle.close));
    }
  });

  it('is the same series whatever the window, and differs between symbols', () => {
    const long = simulatedCandles('ETHUSDT', '1m', slot, 50);
    const short = simulatedCandles('ETHUSDT', '1m', slot - 60_000, 10);
    expect(short).toEqual(long.slice(39, 49));
    expect(simulatedCandles('BTCUSDT', '1m', slot, 5)).not.toEqual(
      simulatedCandles('ETHUSDT', '1m', slot, 5),
    );
  });
});
