/** When a signal's order fills (trading-rules.md, Execution). */
export interface BacktestExecution {
  /** Candles between the signal and its fill. */
  latencyCandles: number;
  /** The signal candle's close (after the latency), or the next candle's open. */
  fillAt: 'close' | 'next-open';
}

export const IMMEDIATE_EXECUTION: BacktestExecution = { latencyCandles: 0, fillAt: 'close' };

/** A request's execution, each part left out at its default. */
export function executionOf(given?: Partial<BacktestExecution>): BacktestExecution {
  return {
    latencyCandles: given?.latencyCandles ?? IMMEDIATE_EXECUTION.latencyCandles,
    fillAt: given?.fillAt ?? IMMEDIATE_EXECUTION.fillAt,
  };
}
