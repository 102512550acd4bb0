import { defaultPrice, priceDecimals, SimulatedPath, simulatedColumns } from './simulated-series';

const START = Date.UTC(2026, 0, 1);

const series = (
  seed: number,
  interval: '1s' | '1m' | '5m' | '1h' | '1d',
  count: number,
  startPrice = 90_000,
) => simulatedColumns({ seed, interval, startTime: START, count, startPrice, anchorTime: START });

/** log(close / open) of each candle: its own move, gaps left out. */
function moves(columns: ReturnType<typeof series>): number[] {
  return Array.from(columns.close, (close, i) => Math.log(close / columns.open[i]));
}

function deviation(values: number[]): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length);
}

function correlation(a: number[], b: number[]): number {
  const [ma, mb] = [a, b].map((v) => v.reduce((s, x) => s + x, 0) / v.length);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

describe('simulatedColumns', () => {
  it('gives the same candles for the same seed, and others for another seed', () => {
    expect(series(7, '1h', 500)).toEqual(series(7, '1h', 500));
    expect(series(7, '1h', 500).close).not.toEqual(series(8, '1h', 500).close);
  });

  it('starts at the start price and keeps every candle in shape, on the tick, positive', () => {
    for (const [interval, price] of [
      ['1d', 90_000],
      ['1h', 0.000012],
      ['1s', 3000],
    ] as const) {
      const columns = series(3, interval, 1000, price);
      expect(columns.open[0]).toBe(price);
      const decimals = priceDecimals(price);
      const length = columns.openTime[1] - columns.openTime[0];
      const wrong = Array.from(columns.open.keys()).filter((i) => {
        const [open, high, low, close] = [
          columns.open,
          columns.high,
          columns.low,
          columns.close,
        ].map((column) => column[i]);
        return !(
          low > 0 &&
          high >= Math.max(open, close) &&
          low <= Math.min(open, close) &&
          Number(close.toFixed(decimals)) === close &&
          columns.closeTime[i] === columns.openTime[i] + length - 1
        );
      });
      expect(wrong).toEqual([]);
    }
  });

  it('scales a candle’s moves with the square root of its length', () => {
    // The same stretch of the walk cut finer: ten days, then two hours.
    const hour = deviation(moves(series(11, '1h', 240)));
    const fiveMinutes = deviation(moves(series(11, '5m', 2880)));
    const minute = deviation(moves(series(11, '1m', 120)));
    const second = deviation(moves(series(11, '1s', 7200)));
    expect(hour / fiveMinutes).toBeGreaterThan(2.8); // √12 ≈ 3.46
    expect(hour / fiveMinutes).toBeLessThan(4.5);
    expect(minute / second).toBeGreaterThan(5.5); // √60 ≈ 7.75
    expect(minute / second).toBeLessThan(10);
    // About 60 % a year: an hour moves some 0.64 %, not 10 % in minutes.
    expect(hour).toBeGreaterThan(0.003);
    expect(hour).toBeLessThan(0.013);
  });

  it('never repeats a shape', () => {
    const all = moves(series(5, '1m', 6000));
    const windows = Array.from({ length: 60 }, (_, w) => all.slice(w * 100, w * 100 + 100));
    let highest = 0;
    for (let a = 0; a < windows.length; a++) {
      for (let b = a + 1; b < windows.length; b++) {
        highest = Math.max(highest, Math.abs(correlation(windows[a], windows[b])));
      }
    }
    expect(highest).toBeLessThan(0.6);
  });

  it('has calm and wild regimes, and gaps between one close and the next open', () => {
    const columns = series(9, '1h', 2000);
    const path = new SimulatedPath(9);
    // Each candle's move, grouped by the volatility of the regime it falls in.
    const byRegime = new Map<number, number[]>();
    moves(columns).forEach((move, i) => {
      const volatility = path.volatilityAt(columns.openTime[i] / 1000);
      byRegime.set(volatility, [...(byRegime.get(volatility) ?? []), move]);
    });
    expect(byRegime.size).toBeGreaterThanOrEqual(4);
    const calm = deviation(byRegime.get(Math.min(...byRegime.keys()))!);
    const wild = deviation(byRegime.get(Math.max(...byRegime.keys()))!);
    expect(wild / calm).toBeGreaterThan(2.5);
    let gaps = 0;
    for (let i = 1; i < columns.open.length; i++) {
      if (columns.open[i] !== columns.close[i - 1]) gaps++;
    }
    expect(gaps).toBeGreaterThan(3);
    expect(gaps).toBeLessThan(200);
  });

  it('prices a symbol without a real price near where it trades, in its quote', () => {
    expect(defaultPrice('BTCUSDT')).toBe(90_000);
    expect(defaultPrice('ETHBTC')).toBeCloseTo(3000 / 90_000);
    const other = defaultPrice('QQQUSDT');
    expect(other).toBeGreaterThanOrEqual(0.1);
    expect(other).toBeLessThanOrEqual(100);
    expect(defaultPrice('QQQUSDT')).toBe(other);
  });
});
