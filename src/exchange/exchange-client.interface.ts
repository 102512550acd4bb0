import type { Money } from '../risk/money';
import type { SymbolFilters } from '../risk/symbol-filters';

export type OrderSideName = 'BUY' | 'SELL';

/** A market order as committed in the intent; exactly one of qty or quoteQty is set. */
export interface MarketOrderRequest {
  clientOrderId: string;
  symbol: string;
  side: OrderSideName;
  qty: string;
  /** The decision's reference price; the paper exchange fills from it. */
  refPrice: string;
}

export interface OrderFill {
  exchangeOrderId: string;
  executedQty: Money;
  avgPrice: Money;
  quoteQty: Money;
  commission: Money;
  commissionAsset: string;
  time: Date;
  /** Settled from the order's totals, its trade list unreadable: the commission is estimated. */
  feeEstimated?: boolean;
}

/**
 * What became of an order. `unknown` means the request may or may not have executed
 * (timeout, 5xx): the order must be looked up by clientOrderId, never blindly resent.
 */
export type OrderOutcome =
  | { status: 'filled'; fill: OrderFill }
  | { status: 'rejected'; reason: string; final: true }
  | {
      status: 'unknown';
      reason: string;
      /** The order executed and is over; only its trade list (what it paid in fees) is unread. */
      fillsUnread?: boolean;
    };

export interface FindOrderOptions {
  /** An executed order whose trade list cannot be read is settled from its own totals. */
  settleWithoutFills?: boolean;
}

export interface SymbolInfo {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  trading: boolean;
  filters: SymbolFilters;
}

/** The port every venue implements: paper here, Binance Spot in the live adapter. */
export interface ExchangeClient {
  symbolInfo(symbol: string): Promise<SymbolInfo>;
  placeMarketOrder(order: MarketOrderRequest): Promise<OrderOutcome>;
  /** Looks an earlier order up by its clientOrderId; `absent` only when the venue is sure. */
  findOrder(
    symbol: string,
    clientOrderId: string,
    options?: FindOrderOptions,
  ): Promise<OrderOutcome | { status: 'absent' }>;
}

/** A real account: what a live bot may spend is what it holds there. */
export interface LiveExchangeClient extends ExchangeClient {
  /** The free (unlocked) balance of an asset, a decimal string. */
  freeBalance(asset: string): Promise<string>;
}

/** The venue refused for good (a revoked key, an unknown symbol): retrying cannot help. */
export class FinalExchangeError extends Error {
  override name = 'FinalExchangeError';
}
