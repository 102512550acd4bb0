import { summarizeBacktest } from './backtest-report';
import type { CandleSeries } from './candle-series';
import { JsonArrayChunks } from './json-array-chunks';
import type { BacktestRun } from './run-backtest';

/** An equity point's text around its time and value: `{"time":…,"value":"…"}`. */
const EQUITY_POINT = ['{"time":', ',"value":"', '"}'].map((text) => new TextEncoder().encode(text));

/**
 * The report as `JSON.stringify(reportBacktest(...))` writes it (after `simulated`, the
 * series' label, when it was simulated, and `filters`, when given), byte for byte, in UTF-8
 * chunks: the equity curve goes straight to text, so a million candles' points are never
 * held as objects, nor the whole report as one string.
 */
export function backtestReportJson(
  run: BacktestRun,
  candles: CandleSeries,
  initialBalanceQuote: string,
  simulated?: object,
  filters?: object,
): Uint8Array<ArrayBuffer>[] {
  const equity = new JsonArrayChunks();
  // A time is an integer and a value a plain decimal: neither has a character to escape.
  const { trades, metrics } = summarizeBacktest(run, candles, initialBalanceQuote, (time, value) =>
    equity.addParts(EQUITY_POINT, time, value),
  );
  const encoder = new TextEncoder();
  return [
    encoder.encode(
      // A simulated run says so first, where a reader of the JSON meets it.
      `{${simulated ? `"simulated":${JSON.stringify(simulated)},` : ''}` +
        // The filters the quantities were sized with, and where they came from.
        (filters ? `"filters":${JSON.stringify(filters)},` : '') +
        `"trades":${JSON.stringify(trades)},"metrics":${JSON.stringify(metrics)},"equity":`,
    ),
    ...equity.end(),
    encoder.encode('}'),
  ];
}
