import type { AccountTrade } from './account-book';
import { BinanceError } from './binance-error';
import { wire } from './decimals';
import { integerParam, type Params } from './request-params';

const DEFAULT_LIMIT = 500;
const MAX_LIMIT = 1000;
const MAX_RANGE_MS = 24 * 3600_000;

/** The parameter sets Binance's docs list for myTrades; any other mix is -1128. */
const COMBINATIONS = [
  [],
  ['orderId'],
  ['startTime'],
  ['endTime'],
  ['fromId'],
  ['startTime', 'endTime'],
  ['orderId', 'fromId'],
].map((names) => names.sort().join(','));

const invalidCombination = () =>
  new BinanceError(400, -1128, 'Combination of optional parameters invalid.');
const rangeTooLong = () =>
  new BinanceError(400, -1127, 'More than 24 hours between startTime and endTime.');

/**
 * GET /api/v3/myTrades over an account's trades on one symbol (oldest first): by order, from
 * a trade id, in a time range (oldest first, or newest up to `endTime` alone), or the most
 * recent; always ascending by trade id, at most `limit` (default 500, at most 1000).
 */
export function selectTrades(trades: readonly AccountTrade[], params: Params): AccountTrade[] {
  const orderId = integerParam(params, 'orderId');
  const fromId = integerParam(params, 'fromId');
  const startTime = integerParam(params, 'startTime');
  const endTime = integerParam(params, 'endTime');
  const given = Object.entries({ orderId, fromId, startTime, endTime })
    .filter(([, value]) => value !== undefined)
    .map(([name]) => name)
    .sort()
    .join(',');
  if (!COMBINATIONS.includes(given)) throw invalidCombination();
  if (startTime !== undefined && endTime !== undefined && endTime - startTime > MAX_RANGE_MS) {
    throw rangeTooLong();
  }
  const limit = Math.min(Math.max(integerParam(params, 'limit') ?? DEFAULT_LIMIT, 1), MAX_LIMIT);

  const chosen = trades.filter(
    ({ order, fill }) =>
      (orderId === undefined || order.orderId === orderId) &&
      (fromId === undefined || fill.tradeId >= fromId) &&
      (startTime === undefined || fill.time >= startTime) &&
      (endTime === undefined || fill.time <= endTime),
  );
  const oldestFirst = fromId !== undefined || startTime !== undefined || orderId !== undefined;
  return oldestFirst ? chosen.slice(0, limit) : chosen.slice(-limit);
}

/** One entry of GET /api/v3/myTrades' answer; a MARKET order's fills are always taker fills. */
export function myTradeJson({ order, fill }: AccountTrade) {
  return {
    symbol: order.symbol,
    id: fill.tradeId,
    orderId: order.orderId,
    orderListId: -1,
    price: wire(fill.price),
    qty: wire(fill.qty),
    quoteQty: wire(fill.quoteQty),
    commission: wire(fill.commission),
    commissionAsset: fill.commissionAsset,
    time: fill.time,
    isBuyer: order.side === 'BUY',
    isMaker: false,
    isBestMatch: true,
  };
}
