import { LRUCache } from 'lru-cache';
import {
  FinalExchangeError,
  type FindOrderOptions,
  type LiveExchangeClient,
  type MarketOrderRequest,
  type OrderOutcome,
  type SymbolInfo,
} from '../exchange-client.interface';
import { BinanceRequestError } from './binance-errors';
import {
  executedAndDone,
  outcomeFromOrderTotals,
  outcomeOfOrder,
  type RawFill,
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
    let raw: RawOrder;
    try {
      raw = await this.api.newMarketOrder({
        symbol: order.symbol,
        side: order.side,
        quantity,
        clientOrderId: order.clientOrderId,
      });
    } catch (error) {
      if (error instanceof BinanceRequestError && error.classification.type === 'final') {
        return { status: 'rejected', reason: error.message, final: true };
      }
      return { status: 'unknown', reason: reasonOf(error) };
    }
    return this.outcomeOf(order.symbol, raw, info);
  }

  /**
   * -2013 is `absent`, which only the engine may conclude for good: it looks orders up early
   * and Binance's query path may not know an executed order yet. Anything else that fails is
   * `unknown`, so the intent stays open and is looked up again; with `settleWithoutFills`, an
   * executed order whose trades cannot be read is settled from its own totals instead.
   */
  async findOrder(
    symbol: string,
    clientOrderId: string,
    options: FindOrderOptions = {},
  ): Promise<OrderOutcome | { status: 'absent' }> {
    let raw: RawOrder;
    let info: SymbolInfo;
    try {
      raw = await this.api.order(symbol, clientOrderId);
      info = await this.symbols(symbol);
    } catch (error) {
      if (error instanceof BinanceRequestError && error.classification.type === 'no_such_order') {
        return { status: 'absent' };
      }
      return { status: 'unknown', reason: `lookup failed: ${reasonOf(error)}` };
    }
    return this.outcomeOf(symbol, raw, info, options.settleWithoutFills ?? false);
  }

  /**
   * A FULL answer lists the order's fills; a queried order does not, so what it paid in
   * commission, and in which asset (BNB when the account pays fees with it), comes from its
   * trades. The order exists either way: when they cannot be read (or do not yet add up), the
   * outcome is unknown with `fillsUnread`, or, when the engine has waited long enough, the
   * order's own totals with a fee estimated from the account's commission rates.
   */
  private async outcomeOf(
    symbol: string,
    raw: RawOrder,
    info: SymbolInfo,
    settleWithoutFills = false,
  ): Promise<OrderOutcome> {
    let fills: readonly RawFill[];
    try {
      fills =
        raw.fills?.length || !executedAndDone(raw)
          ? (raw.fills ?? [])
          : await this.api.tradesOfOrder(symbol, raw.orderId);
    } catch (error) {
      return this.withoutFills(raw, info, `fills not read: ${reasonOf(error)}`, settleWithoutFills);
    }
    const outcome = outcomeOfOrder(raw, fills, info);
    if (outcome.status !== 'unknown' || !executedAndDone(raw)) return outcome;
    return this.withoutFills(raw, info, outcome.reason, settleWithoutFills);
  }

  private async withoutFills(
    raw: RawOrder,
    info: SymbolInfo,
    reason: string,
    settle: boolean,
  ): Promise<OrderOutcome> {
    if (!settle) return { status: 'unknown', reason, fillsUnread: true };
    try {
      return outcomeFromOrderTotals(raw, await this.api.commissionRates(), info);
    } catch (error) {
      const why = `${reason}; commission rates not read: ${reasonOf(error)}`;
      return { status: 'unknown', reason: why, fillsUnread: true };
    }
  }
}
