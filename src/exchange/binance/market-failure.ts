import {
  MarketDataBudgetSpentError,
  MarketHostUnavailableError,
  SymbolNotListedError,
} from '../market-data/market-data.errors';
import { BinanceRequestError, INVALID_SYMBOL } from './binance-errors';
import { RateLimitWaitError } from './rate-limit/request-gate';

/**
 * A failed market data request in the port's terms. Only what says the host is down (no
 * answer, a 5xx or a -100x, a rate limit) is the host's; -1121 is the symbol's; the share of
 * backtests and charts spent is theirs; anything else is left to the caller that made that
 * one request.
 */
export function marketFailure(error: unknown, host: string, symbol: string): unknown {
  if (
    error instanceof RateLimitWaitError &&
    error.held === 'budget' &&
    error.priority === 'market-data'
  ) {
    return new MarketDataBudgetSpentError(error.waitMs, error.message);
  }
  if (error instanceof RateLimitWaitError) {
    return new MarketHostUnavailableError(host, error.message);
  }
  if (!(error instanceof BinanceRequestError)) return error;
  if (error.failure.kind === 'http' && error.failure.code === INVALID_SYMBOL) {
    return new SymbolNotListedError(symbol);
  }
  const { type } = error.classification;
  if (type === 'unknown' || type === 'rate_limited') {
    return new MarketHostUnavailableError(host, error.message);
  }
  return error;
}
