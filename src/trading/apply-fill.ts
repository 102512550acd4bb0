import { formatMoney, money, type Money } from '../risk/money';
import type { Position } from './position';

export interface ExecutedFill {
  side: 'BUY' | 'SELL';
  executedQty: Money;
  avgPrice: Money;
  quoteQty: Money;
  commission: Money;
  commissionAsset: string;
}

export interface FillEffect {
  /** The position after the fill: opened by a buy, closed (null) by a sell. */
  position: Position | null;
  /** Commission in quote terms (a base-asset commission valued at the fill price). */
  feeQuote: Money;
  /** Change of the quote balance: `-(cost + fee)` or `proceeds - fee` (fee in quote). */
  quoteDelta: Money;
  /** Change of the base balance: what was really received or given. */
  baseDelta: Money;
  /** Realized PnL of the round trip, on a sell. */
  pnl: Money | null;
}

/**
 * What a fill does to a bot, the same for paper and live: Binance takes a buy's commission
 * in the base asset by default, so the position is what was really received, and the fee
 * is valued in quote for PnL (`(proceeds - sellFee) - (cost + buyFee)`).
 */
export function applyFill(
  fill: ExecutedFill,
  assets: { baseAsset: string; quoteAsset: string },
  position: Position | null,
): FillEffect {
  const feeInBase = fill.commissionAsset === assets.baseAsset;
  const feeInQuote = fill.commissionAsset === assets.quoteAsset;
  const feeQuote = feeInBase ? fill.commission.mul(fill.avgPrice) : fill.commission;
  const quoteFee = feeInQuote ? fill.commission : money(0);
  const baseFee = feeInBase ? fill.commission : money(0);

  if (fill.side === 'BUY') {
    const received = fill.executedQty.minus(baseFee);
    return {
      position: {
        qty: formatMoney(received),
        entryPrice: formatMoney(fill.avgPrice),
        entryCostQuote: formatMoney(fill.quoteQty.plus(feeQuote)),
        high: formatMoney(fill.avgPrice),
      },
      feeQuote,
      quoteDelta: fill.quoteQty.plus(quoteFee).neg(),
      baseDelta: received,
      pnl: null,
    };
  }
  const pnl = position ? fill.quoteQty.minus(feeQuote).minus(position.entryCostQuote) : null;
  return {
    position: null,
    feeQuote,
    quoteDelta: fill.quoteQty.minus(quoteFee),
    baseDelta: fill.executedQty.plus(baseFee).neg(),
    pnl,
  };
}
