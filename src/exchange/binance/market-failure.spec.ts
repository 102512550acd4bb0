import {
  MarketDataBudgetSpentError,
  MarketHostUnavailableError,
  SymbolNotListedError,
} from '../market-data/market-data.errors';
import { BinanceRequestError, type BinanceFailure } from './binance-errors';
import { marketFailure } from './market-failure';
import { RateLimitWaitError } from './rate-limit/request-gate';

const HOST = 'api.binance.com';
const http = (status: number, code?: number): BinanceFailure => ({
  kind: 'http',
  status,
  ...(code !== undefined ? { code, msg: 'msg' } : {}),
});
const failed = (failure: BinanceFailure) =>
  marketFailure(new BinanceRequestError(failure), HOST, 'DOGEUSDT');

describe('marketFailure', () => {
  it.each([
    ['no answer', { kind: 'transport', code: 'ECONNREFUSED' } as const],
    ['a gateway 502', http(502)],
    ['a 503', http(503)],
    ['-1007 (the backend timed out)', http(503, -1007)],
    ['a 429 left after its retries', http(429, -1003)],
    ['a 418 ban', http(418, -1003)],
  ])('makes %s the host being down', (_name, failure) => {
    const error = failed(failure);
    expect(error).toBeInstanceOf(MarketHostUnavailableError);
    expect((error as MarketHostUnavailableError).host).toBe(HOST);
  });

  it('makes a rate limit wait longer than a tick may take the host being down', () => {
    expect(
      marketFailure(new RateLimitWaitError(90_000, 'ban', 'trading'), HOST, 'BTCUSDT'),
    ).toBeInstanceOf(MarketHostUnavailableError);
    expect(
      marketFailure(new RateLimitWaitError(50_000, 'ban', 'market-data'), HOST, 'BTCUSDT'),
    ).toBeInstanceOf(MarketHostUnavailableError);
  });

  it("makes the spent share of backtests and charts theirs, not the host's", () => {
    const error = marketFailure(
      new RateLimitWaitError(12_000, 'budget', 'market-data'),
      HOST,
      'BTCUSDT',
    );
    expect(error).toBeInstanceOf(MarketDataBudgetSpentError);
    expect((error as MarketDataBudgetSpentError).retryAfterMs).toBe(12_000);
  });

  it("makes -1121 the symbol's error, not the host's", () => {
    const error = failed(http(400, -1121));
    expect(error).toBeInstanceOf(SymbolNotListedError);
    expect((error as SymbolNotListedError).symbol).toBe('DOGEUSDT');
  });

  it('leaves other refusals, and what is not a Binance failure, to the caller', () => {
    const refused = new BinanceRequestError(http(400, -1100));
    expect(marketFailure(refused, HOST, 'BTCUSDT')).toBe(refused);
    const notListed = new SymbolNotListedError('DOGEUSDT');
    expect(marketFailure(notListed, HOST, 'DOGEUSDT')).toBe(notListed);
    const bug = new TypeError('x is undefined');
    expect(marketFailure(bug, HOST, 'BTCUSDT')).toBe(bug);
  });
});
