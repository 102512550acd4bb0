import { randomWalk } from './deterministic-random';
import { FakeBinanceServer } from './fake-binance-server';
import type { FakeSymbolConfig } from './fake-binance.types';

export const DEMO_API_KEY = 'fake-binance-demo-api-key';
export const DEMO_API_SECRET = 'fake-binance-demo-api-secret';

/** Filters shaped like Binance's for these pairs; prices are plausible starting points. */
export const DEFAULT_SYMBOLS: FakeSymbolConfig[] = [
  {
    symbol: 'BTCUSDT',
    baseAsset: 'BTC',
    quoteAsset: 'USDT',
    tickSize: '0.01',
    stepSize: '0.00001',
    minQty: '0.00001',
    maxQty: '9000',
    minNotional: '5',
    price: 65000,
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
    price: 3200,
  },
  {
    symbol: 'BNBUSDT',
    baseAsset: 'BNB',
    quoteAsset: 'USDT',
    tickSize: '0.01',
    stepSize: '0.001',
    minQty: '0.001',
    maxQty: '9000',
    minNotional: '5',
    price: 580,
  },
  {
    symbol: 'SOLUSDT',
    baseAsset: 'SOL',
    quoteAsset: 'USDT',
    tickSize: '0.01',
    stepSize: '0.001',
    minQty: '0.001',
    maxQty: '9000',
    minNotional: '5',
    price: 150,
  },
  {
    symbol: 'XRPUSDT',
    baseAsset: 'XRP',
    quoteAsset: 'USDT',
    tickSize: '0.0001',
    stepSize: '0.1',
    minQty: '0.1',
    maxQty: '9222449',
    minNotional: '5',
    price: 0.6,
  },
];

const DEMO_BALANCES = { USDT: 10000, BTC: 0.1, ETH: 1, BNB: 5, SOL: 20, XRP: 1000 };

/** Largest log-return per minute of the demo walks: about 0.1% a minute on average. */
const VOLATILITY_PER_MINUTE = 0.002;

/**
 * The CLI's exchange: five USDT pairs on seeded random walks in 1-minute steps (so the
 * same seed gives the same market), and one demo account.
 */
export function createDefaultServer(seed: string | number, now?: () => number): FakeBinanceServer {
  const server = new FakeBinanceServer({
    now,
    symbols: DEFAULT_SYMBOLS,
    accounts: { [DEMO_API_KEY]: { secret: DEMO_API_SECRET, balances: DEMO_BALANCES } },
  });
  for (const { symbol, price } of DEFAULT_SYMBOLS) {
    const walk = randomWalk({
      seed: `${seed}:${symbol}`,
      start: price,
      volatility: VOLATILITY_PER_MINUTE,
    });
    server.setPricePath(symbol, walk, { interval: '1m' });
  }
  return server;
}
