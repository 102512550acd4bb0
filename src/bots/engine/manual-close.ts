import { randomUUID } from 'node:crypto';
import { formatMoney, type Money } from '../../risk/money';
import { ExitReason, OrderSide, OrderStatus } from '../../kernel/bot.enums';
import type { BotConfig } from '../../database/entities/bot-config.entity';
import type { Order } from '../../database/entities/order.entity';
import type { OrderRepository } from '../../database/repositories/order.repository';
import type { Tx } from '../../database/repositories/transactions';
import { clientOrderIdFor } from './client-order-id';

export const SELLING_ON_STOP = 'stopping: selling the position (manual)';

/**
 * The sale of a stopping bot's position (exit reason manual), saved unclaimed: its first send
 * is the ExecuteOrder job's or the runner's, and the sweep's if their process dies first.
 */
export function saveManualClose(
  orders: OrderRepository,
  tx: Tx,
  bot: BotConfig,
  qty: Money,
  refPrice: string,
  now = Date.now(),
): Promise<Order> {
  return orders.insert(tx, {
    id: randomUUID(),
    botId: bot.id,
    clientOrderId: clientOrderIdFor(bot.id, now, 'SELL'),
    symbol: bot.symbol,
    side: OrderSide.Sell,
    reason: ExitReason.Manual,
    mode: bot.mode,
    status: OrderStatus.Sending,
    requestedQty: formatMoney(qty),
    refPrice,
    slot: String(now),
  });
}
