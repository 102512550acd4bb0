/** Market data could not be had: retryable, and a live bot waits rather than guesses. */
export class MarketDataUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`market data unavailable: ${reason}`);
    this.name = 'MarketDataUnavailableError';
  }
}
