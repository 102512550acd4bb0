import type { FieldError } from '../../kernel/errors/validation.error';
import type { SymbolFilters } from '../../risk/symbol-filters';
import type { CandleRange } from '../../exchange/market-data/candle-range-fetcher';
import type { RiskRulesSource } from '../../risk/risk-rules-source';
import type { StrategySources } from '../../strategies/strategy-sources';

/**
 * A backtest thread's workerData: where the API's strategies and risk rules come from,
 * so the thread loads the same ones (`loadStrategies`, `loadRiskRules`).
 */
export interface BacktestThreadData {
  strategySources: StrategySources;
  riskRulesSource: RiskRulesSource;
}

/**
 * What the API hands a backtest worker. Bytes travel as transferred buffers, so the API
 * thread neither parses a request of a million candles nor copies one.
 */
export type BacktestTask =
  /** The request body as received: JSON text, parsed and checked in the worker. */
  (
    | { kind: 'body'; body: Uint8Array }
    /** A ranged request once its candles are fetched: rows as JSON text, oldest first. */
    | {
        kind: 'fetched';
        request: Record<string, unknown>;
        candles: Uint8Array;
        symbolFilters: SymbolFilters;
      }
    /**
     * A valid simulated request: the worker generates the series, from the last real price
     * the API has seen for the symbol when the request gives no start price.
     */
    | { kind: 'simulated'; request: Record<string, unknown>; lastPrice?: number }
  ) & {
    /** POST /api/backtests/lookahead: the lookahead check's report instead of the backtest's. */
    lookahead?: true;
  };

export type BacktestOutcome =
  /** The report's JSON text in chunks, ready to send as they are. */
  | { kind: 'report'; json: Uint8Array<ArrayBuffer>[]; stats: BacktestStats }
  | { kind: 'invalid'; errors: FieldError[] }
  /** A valid ranged request: the API fetches the range and sends the `fetched` task. */
  | { kind: 'fetch'; request: Record<string, unknown>; range: CandleRange }
  /** A valid simulated request: the API adds the last real price and sends it back. */
  | { kind: 'simulate'; request: Record<string, unknown>; symbol: string };

/** For the API's log line. */
export interface BacktestStats {
  strategy: string;
  /** The seed of a simulated series. */
  simulatedSeed?: number;
  candles: number;
  fills: number;
  candlesMs: number;
  runMs: number;
  reportMs: number;
}

/**
 * The bytes in a buffer of their own, which can be transferred: Node serves small
 * Buffers out of a shared pool, whose transfer would take the other Buffers with it.
 */
export function ownBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const whole =
    bytes.buffer instanceof ArrayBuffer &&
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength;
  return whole ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}
