import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { formatMoney, type Money } from '../../risk/money';
import { ExitReason, OrderSide, OrderStatus } from '../../kernel/bot.enums';
import type { BotConfig } from '../../database/entities/bot-config.entity';
import { Order } from '../../database/entities/order.entity';
import { clientOrderIdFor } from './client-order-id';

export const SELLING_ON_STOP = 'stopping: selling the position (manual)';

/**
 * The sale of a stopping bot's position (exit reason manual), saved unclaimed: its first send
 * is the ExecuteOrder job's or the runner's, and the sweep's if their process dies first.
 */
export async function saveManualClose(
  manager: EntityManager,
  bot: BotConfig,
  qty: Money,
  refPrice: string,
  now = Date.now(),
): Promise<Order> {
  const order = manager.create(Order, {
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
  await manager.save(order);
  return order;
}
