/** Market data could not be had: retryable, and a live bot waits rather than guesses. */
export class MarketDataUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`market data unavailable: ${reason}`);
    this.name = 'MarketDataUnavailableError';
  }
}

/**
 * The host itself failed (no answer, a 5xx, a rate limit): nothing can be had from it for a
 * while, whatever the symbol, so paper bots turn to the simulated feed.
 */
export class MarketHostUnavailableError extends MarketDataUnavailableError {
  constructor(
    readonly host: string,
    reason: string,
  ) {
    super(`${host}: ${reason}`);
    this.name = 'MarketHostUnavailableError';
  }
}

/**
 * What a backtest or chart that needs the exchange answers while the host is down: one
 * sentence that says so and names what works offline.
 */
export function exchangeUnreachableMessage(error: MarketHostUnavailableError): string {
  return (
    `The exchange cannot be reached (${error.reason}): upload a CSV file of candles, ` +
    `or use the simulated series (source "simulated"), instead.`
  );
}

/** The exchange does not list the symbol: the error of the bot on it, which no retry cures. */
export class SymbolNotListedError extends Error {
  override name = 'SymbolNotListedError';

  constructor(readonly symbol: string) {
    super(`symbol ${symbol} is not listed`);
  }
}

/**
 * Backtests and charts have spent the request budget above the trading reserve: the caller
 * is to come back when the exchange's next weight minute starts.
 */
export class MarketDataBudgetSpentError extends Error {
  override name = 'MarketDataBudgetSpentError';

  constructor(
    readonly retryAfterMs: number,
    reason: string,
  ) {
    super(reason);
  }
}
