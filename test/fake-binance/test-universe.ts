import type { FakeBinanceOptions } from './fake-binance.types';

export const API_KEY = 'test-api-key';
export const API_SECRET = 'test-api-secret';

/** Two pairs with round prices and Binance-like filters, and one funded account. */
export function testOptions(overrides: Partial<FakeBinanceOptions> = {}): FakeBinanceOptions {
  return {
    symbols: [
      {
        symbol: 'BTCUSDT',
        baseAsset: 'BTC',
        quoteAsset: 'USDT',
        tickSize: '0.01',
        stepSize: '0.00001',
        minQty: '0.00001',
        maxQty: '9000',
        minNotional: '5',
        price: 50000,
      },
      {
        symbol: 'ETHUSDT',
        baseAsset: 'ETH',
        quoteAsset: 'USDT',
        tickSize: '0.01',
        stepSize: '0.0001',
        minQty: '0.0001',
        maxQty: '9000',
        minNotional: '5',
        notionalFilter: 'MIN_NOTIONAL',
        price: 2000,
      },
    ],
    accounts: { [API_KEY]: { secret: API_SECRET, balances: { USDT: '1000', BTC: '0' } } },
    ...overrides,
  };
}
