/** A seeded random walk of one-minute candles (an LCG: the same numbers on every machine). */
export function randomWalk(n: number, seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const cents = (value: number) => Math.round(value * 100) / 100;
  const columns = {
    openTime: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
    closeTime: new Float64Array(n),
  };
  let price = 30_000;
  for (let i = 0; i < n; i++) {
    const open = cents(price);
    const close = cents(Math.max(100, price * (1 + (next() - 0.5) * 0.01)));
    columns.openTime[i] = 1_767_225_600_000 + i * 60_000;
    columns.closeTime[i] = columns.openTime[i] + 59_999;
    columns.open[i] = open;
    columns.close[i] = close;
    columns.high[i] = cents(Math.max(open, close) * (1 + next() * 0.003));
    columns.low[i] = cents(Math.min(open, close) * (1 - next() * 0.003));
    // From the prices, not the generator, so the walk's prices stay as they were.
    columns.volume[i] = 1 + Math.abs(close - open);
    price = close;
  }
  return columns;
}
