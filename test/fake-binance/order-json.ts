import { wire } from './decimals';
import type { Order } from './account-book';

export type OrderResponseType = 'ACK' | 'RESULT' | 'FULL';

// Fields every order answer shares; MARKET orders have no price, so it is zero.
function common(order: Order) {
  return {
    symbol: order.symbol,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: order.clientOrderId,
  };
}

function result(order: Order) {
  return {
    price: '0.00000000',
    origQty: wire(order.origQty),
    executedQty: wire(order.executedQty),
    origQuoteOrderQty: wire(order.origQuoteOrderQty),
    cummulativeQuoteQty: wire(order.cummulativeQuoteQty),
    status: order.status,
    timeInForce: 'GTC',
    type: 'MARKET',
    side: order.side,
    workingTime: order.time,
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}

/** POST /api/v3/order's answer in the requested newOrderRespType. */
export function newOrderJson(order: Order, type: OrderResponseType) {
  const ack = { ...common(order), transactTime: order.time };
  if (type === 'ACK') return ack;
  if (type === 'RESULT') return { ...ack, ...result(order) };
  return {
    ...ack,
    ...result(order),
    fills: order.fills.map((fill) => ({
      price: wire(fill.price),
      qty: wire(fill.qty),
      commission: wire(fill.commission),
      commissionAsset: fill.commissionAsset,
      tradeId: fill.tradeId,
    })),
  };
}

/** GET /api/v3/order's answer. */
export function queriedOrderJson(order: Order) {
  return {
    ...common(order),
    ...result(order),
    stopPrice: '0.00000000',
    icebergQty: '0.00000000',
    time: order.time,
    updateTime: order.updateTime,
    isWorking: true,
  };
}
