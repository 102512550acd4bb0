import { money, Money } from '../../risk/money';
import type { OrderFill, OrderOutcome } from '../exchange-client.interface';

/** One execution, as a FULL answer's `fills` or GET /api/v3/myTrades lists it. */
export interface RawFill {
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

/** GET /api/v3/account's `commissionRates`: fractions, e.g. "0.00100000". */
export interface CommissionRates {
  maker: string;
  taker: string;
  buyer: string;
  seller: string;
}

/** Binance's commissions have 8 decimals. */
const COMMISSION_DECIMALS = 8;

/** A MARKET order in these states may still execute: look it up again later. */
const IN_PROGRESS = new Set(['NEW', 'PENDING_NEW', 'PARTIALLY_FILLED']);

/** Over, with something executed: only its fills tell what it cost in commission. */
export function executedAndDone(raw: RawOrder): boolean {
  return !IN_PROGRESS.has(raw.status) && money(raw.executedQty).gt(0);
}

/**
 * The commission of an order's fills. Binance charges each fill in the asset received, or in
 * BNB when the account pays fees with it and holds enough; an order that ran out of BNB part
 * way pays in both. Then the part in the asset received is the one kept: it is what decides
 * how much the bot holds.
 */
export function commissionOfFills(fills: readonly RawFill[], receivedAsset: string): Commission {
  const assets = [...new Set(fills.map((fill) => fill.commissionAsset))];
  const asset = assets.length === 1 ? assets[0] : receivedAsset;
  const amount = fills
    .filter((fill) => fill.commissionAsset === asset)
    .reduce((sum, fill) => sum.plus(fill.commission), money(0));
  return { amount, asset };
}

/**
 * What an order answer means for the bot: filled (fully, or partly before it expired), still
 * in progress (unknown), or over with nothing executed (rejected, final). The fills are the
 * FULL answer's or the trade list's; until they add up to what executed (the trade list may
 * lag behind the order), the outcome stays unknown. The average price is
 * cummulativeQuoteQty / executedQty, as Binance reports no average for the order.
 */
export function outcomeOfOrder(
  raw: RawOrder,
  fills: readonly RawFill[],
  assets: { baseAsset: string; quoteAsset: string },
): OrderOutcome {
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
  const listed = fills.reduce((sum, fill) => sum.plus(fill.qty), money(0));
  const commission = commissionOfFills(
    fills,
    raw.side === 'BUY' ? assets.baseAsset : assets.quoteAsset,
  );
  if (!listed.eq(executed)) {
    return {
      status: 'unknown',
      reason: `order ${raw.clientOrderId}: fills for ${listed.toFixed()} of ${executed.toFixed()} listed`,
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
 * An executed order settled from its own totals when its trade list cannot be read: filled at
 * cummulativeQuoteQty / executedQty, the fee estimated at the taker rate (a market order
 * takes) plus the side's rate. A BUY's fee is estimated in the base asset, as Binance takes it
 * unless BNB pays: the position then never counts coins the account may not hold, so selling
 * it cannot fail for want of them.
 */
export function outcomeFromOrderTotals(
  raw: RawOrder,
  rates: CommissionRates,
  assets: { baseAsset: string; quoteAsset: string },
): OrderOutcome {
  const executed = money(raw.executedQty);
  if (!executedAndDone(raw)) return outcomeOfOrder(raw, [], assets);
  const quote = money(raw.cummulativeQuoteQty);
  const buy = raw.side === 'BUY';
  const rate = money(rates.taker).plus(buy ? rates.buyer : rates.seller);
  const fill: OrderFill = {
    exchangeOrderId: String(raw.orderId),
    executedQty: executed,
    avgPrice: quote.div(executed),
    quoteQty: quote,
    commission: (buy ? executed : quote)
      .mul(rate)
      .toDecimalPlaces(COMMISSION_DECIMALS, Money.ROUND_UP),
    commissionAsset: buy ? assets.baseAsset : assets.quoteAsset,
    time: new Date(raw.transactTime ?? raw.updateTime ?? Date.now()),
    feeEstimated: true,
  };
  return { status: 'filled', fill };
}
