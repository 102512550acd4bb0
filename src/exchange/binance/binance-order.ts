import { money, type Money } from '../../risk/money';
import type { OrderFill, OrderOutcome } from '../exchange-client.interface';

interface RawFill {
  price: string;
  qty: string;
  commission: string;
  commissionAsset: string;
}

/** An order as POST /api/v3/order (FULL) or GET /api/v3/order answers it. */
export interface RawOrder {
  orderId: number;
  clientOrderId: string;
  status: string;
  side: 'BUY' | 'SELL';
  executedQty: string;
  cummulativeQuoteQty: string;
  transactTime?: number;
  updateTime?: number;
  fills?: RawFill[];
}

export interface Commission {
  amount: Money;
  asset: string;
}

/** A MARKET order in these states may still execute: look it up again later. */
const IN_PROGRESS = new Set(['NEW', 'PENDING_NEW', 'PARTIALLY_FILLED']);

/**
 * The commission of a FULL answer: the sum over its fills. Binance charges one order's
 * commission in one asset (the asset received, or BNB when the account pays fees in BNB).
 */
export function commissionOfFills(fills: readonly RawFill[]): Commission | undefined {
  const first = fills[0];
  if (!first) return undefined;
  const amount = fills.reduce((sum, fill) => sum.plus(fill.commission), money(0));
  return { amount, asset: first.commissionAsset };
}

/**
 * What an order answer means for the bot: filled (fully, or partly before it expired), still
 * in progress (unknown), or over with nothing executed (rejected, final). The average
 * price is cummulativeQuoteQty / executedQty, as Binance reports no average for the order.
 */
export function outcomeOfOrder(raw: RawOrder, commission: Commission): OrderOutcome {
  const executed = money(raw.executedQty);
  if (IN_PROGRESS.has(raw.status)) {
    return { status: 'unknown', reason: `order ${raw.clientOrderId} is ${raw.status}` };
  }
  if (executed.lte(0)) {
    return {
      status: 'rejected',
      reason: `order ${raw.clientOrderId} ended ${raw.status} with nothing executed`,
      final: true,
    };
  }
  const quote = money(raw.cummulativeQuoteQty);
  const fill: OrderFill = {
    exchangeOrderId: String(raw.orderId),
    executedQty: executed,
    avgPrice: quote.div(executed),
    quoteQty: quote,
    commission: commission.amount,
    commissionAsset: commission.asset,
    time: new Date(raw.transactTime ?? raw.updateTime ?? Date.now()),
  };
  return { status: 'filled', fill };
}

/**
 * The commission of an order looked up later, whose answer lists no fills: the account's
 * taker rate on what was received (base on a buy, quote on a sell), as Binance charges it
 * when fees are not paid in BNB, to Binance's 8 decimals.
 */
export function estimatedCommission(
  raw: RawOrder,
  takerRate: string,
  assets: { baseAsset: string; quoteAsset: string },
): Commission {
  const buy = raw.side === 'BUY';
  const received = money(buy ? raw.executedQty : raw.cummulativeQuoteQty);
  return {
    amount: received.mul(takerRate).toDecimalPlaces(8),
    asset: buy ? assets.baseAsset : assets.quoteAsset,
  };
}
