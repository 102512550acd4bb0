/** A tradable pair. Filter values are decimal strings, as exchangeInfo prints them. */
export interface FakeSymbolConfig {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  /** Orders are refused unless TRADING; market data keeps flowing either way. */
  status?: 'TRADING' | 'BREAK' | 'HALT';
  tickSize: string;
  stepSize: string;
  minQty: string;
  maxQty: string;
  minNotional: string;
  maxNotional?: string;
  /**
   * Rules for MARKET orders on top of LOT_SIZE. Binance often leaves this step at 0, which
   * disables it; the default here does the same with LOT_SIZE's bounds.
   */
  marketLotSize?: { minQty: string; maxQty: string; stepSize: string };
  /** NOTIONAL is today's filter; some older symbols still list MIN_NOTIONAL. */
  notionalFilter?: 'NOTIONAL' | 'MIN_NOTIONAL';
  /** The price until a path is scripted with `setPricePath`. */
  price: number;
}

export interface FakeAccountConfig {
  secret: string;
  /** Free balance per asset. */
  balances: Record<string, string | number>;
  /**
   * Pays commissions in BNB, as Binance's "use BNB to pay for fees" does: the taker rate less
   * `discount` (default 0.25, Binance's) on each fill's quote value, converted at `bnbPrice`
   * (BNB's price in the pair's quote asset), whenever the free BNB covers the whole order's
   * fee; otherwise the usual commission in the asset received.
   */
  bnbFees?: { bnbPrice: string; discount?: string };
}

export interface FakeBinanceOptions {
  symbols: FakeSymbolConfig[];
  /** Accounts by API key. */
  accounts?: Record<string, FakeAccountConfig>;
  /** Taker commission, charged in the asset received (base on a BUY, quote on a SELL). Default 0.001. */
  commissionRate?: string | number;
  /** Market orders fill this fraction worse than the current price. Default 0. */
  slippage?: number;
  /** Number of fills a market order is split into (same price), so clients must sum them. Default 1. */
  fillsPerOrder?: number;
  /** The server's clock; tests inject a manual one. Default Date.now. */
  now?: () => number;
  /** Request weight per minute before 429. Default 6000. */
  weightLimit?: number;
  /** Requests received while rate-limited (after a 429, before Retry-After) that earn a 418 ban. Default 3. */
  banAfterRequests?: number;
  /** First ban length; each further ban doubles it, up to Binance's 3 days. Default 2 minutes. */
  banMs?: number;
}

/** One request as the server saw it; `status` is null when the connection was dropped. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** Query and form parameters, without `signature`. */
  params: Record<string, string>;
  apiKey?: string;
  /** Server time at arrival. */
  time: number;
  status: number | null;
}
