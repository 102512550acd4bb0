const MINUTE = 60_000;

/** A seeded walk of one-minute rows as decimal strings, the way a client sends them. */
export function walkRows(start: number, n: number): unknown[][] {
  let state = 7;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const rows: unknown[][] = [];
  let price = 30_000;
  for (let i = 0; i < n; i++) {
    const open = price;
    const close = Math.max(100, price * (1 + (next() - 0.5) * 0.004));
    const high = Math.max(open, close) * (1 + next() * 0.001);
    const low = Math.min(open, close) * (1 - next() * 0.001);
    const time = start + i * MINUTE;
    rows.push([
      time,
      open.toFixed(2),
      high.toFixed(2),
      low.toFixed(2),
      close.toFixed(2),
      '3.5',
      time + MINUTE - 1,
    ]);
    price = Number(close.toFixed(2));
  }
  return rows;
}
