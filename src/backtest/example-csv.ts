import { simulatedColumns } from '../exchange/market-data/simulated-series';
import type { Interval } from '../kernel/interval';

/** The example the repository ships (examples/), made by `npm run examples:generate`. */
export const EXAMPLE_CSV = {
  path: 'examples/BTCUSDT-1h-simulated.csv',
  seed: 42,
  interval: '1h' as Interval,
  startTime: Date.UTC(2026, 0, 1),
  count: 500,
  startPrice: 90_000,
};

/**
 * The example's text: a header line, then Binance kline rows of the seeded simulated
 * series (simulated data, not market prices), as the dashboard and the CLI read CSV files.
 */
export function exampleCsv(): string {
  const { seed, interval, startTime, count, startPrice } = EXAMPLE_CSV;
  const columns = simulatedColumns({
    seed,
    interval,
    startTime,
    count,
    startPrice,
    anchorTime: startTime,
  });
  const lines = ['openTime,open,high,low,close,volume,closeTime'];
  for (let i = 0; i < count; i++) {
    const price = (column: Float64Array) => column[i].toFixed(2);
    lines.push(
      [
        columns.openTime[i],
        price(columns.open),
        price(columns.high),
        price(columns.low),
        price(columns.close),
        columns.volume[i].toFixed(3),
        columns.closeTime[i],
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
