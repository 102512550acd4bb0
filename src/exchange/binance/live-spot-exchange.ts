import { LRUCache } from 'lru-cache';
import {
  FinalExchangeError,
  type LiveExchangeClient,
  type MarketOrderRequest,
  type OrderOutcome,
  type SymbolInfo,
} from '../exchange-client.interface';
import { BinanceRequestError } from './binance-errors';
import {
  type Commission,
  commissionOfFills,
  estimatedCommission,
  outcomeOfOrder,
  type RawOrder,
} from './binance-order';
import type { BinanceSpotApi } from './binance-spot-api';
import { formatOrderQuantity } from './order-quantity';

const BALANCE_TTL_MS = 5000;
/** More assets than one account's bots quote in. */
export const MAX_BALANCES = 100;

export type SymbolLookup = (symbol: string) => Promise<SymbolInfo>;

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The exchange port on Binance Spot for one API key. An order is sent once with the intent's
 * clientOrderId; when its outcome is unknown (timeout, 5xx, -1007) the engine looks it up by
 * that id after its grace period instead of sending again. Only a refusal Binance gives for
 * the request itself (balance, filters, key, symbol, params) is a final rejection.
 */
export class LiveSpotExchange implements LiveExchangeClient {
  private takerRate?: Promise<string>;
  /**
   * Balances read within BALANCE_TTL_MS: every bot of this key ticks on the same candle
   * close, and one account read (weight 20) serves them all. An order drops them.
   */
  private readonly balances = new LRUCache<string, string>({
    max: MAX_BALANCES,
    ttl: BALANCE_TTL_MS,
    // A read still in flight when an order drops the balances answers its callers, unkept.
    ignoreFetchAbort: true,
    fetchMethod: (asset) =>
      this.api.freeBalance(asset).catch((error: unknown) => {
        if (error instanceof BinanceRequestError && error.classification.type === 'final') {
          throw new FinalExchangeError(error.message);
        }
        throw error;
      }),
  });

  constructor(
    private readonly api: BinanceSpotApi,
    private readonly symbols: SymbolLookup,
  ) {}

  symbolInfo(symbol: string): Promise<SymbolInfo> {
    return this.symbols(symbol);
  }

  freeBalance(asset: string): Promise<string> {
    return this.balances.forceFetch(asset);
  }

  async placeMarketOrder(order: MarketOrderRequest): Promise<OrderOutcome> {
    this.balances.clear();
    let info: SymbolInfo;
    try {
      info = await this.symbols(order.symbol);
    } catch (error) {
      // Nothing was sent; the lookup after the grace period finds it absent and sends it.
      return { status: 'unknown', reason: `order not sent: ${reasonOf(error)}` };
    }
    const quantity = formatOrderQuantity(order.qty, info.filters.stepSize);
    if (!quantity) {
      const reason = `quantity ${order.qty} is below one step (${info.filters.stepSize})`;
      return { status: 'rejected', reason, final: true };
    }
    try {
      const raw = await this.api.newMarketOrder({
        symbol: order.symbol,
        side: order.side,
        quantity,
        clientOrderId: order.clientOrderId,
      });
      const commission = commissionOfFills(raw.fills ?? []) ?? (await this.estimate(raw, info));
      return outcomeOfOrder(raw, commission);
    } catch (error) {
      if (error instanceof BinanceRequestError && error.classification.type === 'final') {
        return { status: 'rejected', reason: error.message, final: true };
      }
      return { status: 'unknown', reason: reasonOf(error) };
    }
  }

  /**
   * -2013 is `absent`: the engine asks only after its grace period, by when Binance's query
   * path has caught up with an order that did execute. Anything else that fails is `unknown`,
   * so the intent stays open and is looked up again.
   */
  async findOrder(
    symbol: string,
    clientOrderId: string,
  ): Promise<OrderOutcome | { status: 'absent' }> {
    try {
      const raw = await this.api.order(symbol, clientOrderId);
      const info = await this.symbols(symbol);
      return outcomeOfOrder(raw, await this.estimate(raw, info));
    } catch (error) {
      if (error instanceof BinanceRequestError && error.classification.type === 'no_such_order') {
        return { status: 'absent' };
      }
      return { status: 'unknown', reason: `lookup failed: ${reasonOf(error)}` };
    }
  }

  private async estimate(raw: RawOrder, info: SymbolInfo): Promise<Commission> {
    if (!this.takerRate) {
      this.takerRate = this.api.takerCommissionRate();
      this.takerRate.catch(() => (this.takerRate = undefined));
    }
    return estimatedCommission(raw, await this.takerRate, info);
  }
}
