import type { Logger } from '@nestjs/common';
import type { OrderOutcome } from '../../exchange/exchange-client.interface';
import { withLogFields } from '../../logging/log-context';
import { type BotEvent, BotEventType } from '../../kernel/bot-event';
import { formatMoney } from '../../risk/money';
import type { Order } from '../../database/entities/order.entity';

type Level = 'log' | 'warn' | 'error';

/** The line an engine event makes: what the owner is told, the operator can read too. */
export function describeEvent(event: BotEvent): { level: Level; message: string } {
  const bot = `bot ${event.bot.name} (${event.bot.symbol}, ${event.bot.mode})`;
  switch (event.type) {
    case BotEventType.BotStarted:
      return { level: 'log', message: `${bot} started` };
    case BotEventType.BotStopped: {
      const { closePosition } = event.data as BotEvent<BotEventType.BotStopped>['data'];
      return {
        level: 'log',
        message: `${bot} stopped${closePosition ? ', selling its position' : ''}`,
      };
    }
    case BotEventType.BotPaused: {
      const { reason } = event.data as BotEvent<BotEventType.BotPaused>['data'];
      return { level: 'log', message: `${bot} paused: ${reason}` };
    }
    case BotEventType.BotResumed: {
      const { reason } = event.data as BotEvent<BotEventType.BotResumed>['data'];
      return { level: 'log', message: `${bot} resumed: ${reason}` };
    }
    case BotEventType.BotError: {
      const { reason } = event.data as BotEvent<BotEventType.BotError>['data'];
      return { level: 'error', message: `${bot} stopped in error: ${reason}` };
    }
    case BotEventType.TradeOpened:
    case BotEventType.TradeClosed: {
      const trade = event.data as BotEvent<BotEventType.TradeClosed>['data'];
      const pnl = trade.pnl ? `, pnl ${trade.pnl}` : '';
      const reason = trade.reason ? ` (${trade.reason})` : '';
      return {
        level: 'log',
        message:
          `${bot} traded: ${trade.side} ${trade.qty} at ${trade.price}${reason}, ` +
          `fee ${trade.fee} ${trade.feeAsset}${trade.feeEstimated ? ' (estimated)' : ''}${pnl}, ` +
          `trade ${trade.tradeId}`,
      };
    }
    case BotEventType.OrderRejected: {
      const { side, clientOrderId, reason } =
        event.data as BotEvent<BotEventType.OrderRejected>['data'];
      return { level: 'warn', message: `${bot}: ${side} ${clientOrderId} rejected: ${reason}` };
    }
  }
}

/** Logs an event with its bot's id on the line. */
export function logEvent(logger: Logger, event: BotEvent): void {
  const { level, message } = describeEvent(event);
  withLogFields({ botId: event.bot.id }, () => logger[level](message));
}

/** Logs what became of an order sent or looked up, with its bot's and its own id on the line. */
export function logOrderOutcome(
  logger: Logger,
  order: Order,
  outcome: OrderOutcome,
  how: 'sent' | 'looked up',
): void {
  const what = `order ${order.clientOrderId} (${order.side} ${order.requestedQty ?? '?'} ${order.symbol}, ${order.reason ?? 'signal'}, ${order.mode}) ${how}`;
  withLogFields({ botId: order.botId, orderId: order.id }, () => {
    if (outcome.status === 'filled') {
      const { executedQty, avgPrice } = outcome.fill;
      logger.log(`${what}: filled ${formatMoney(executedQty)} at ${formatMoney(avgPrice)}`);
    } else if (outcome.status === 'rejected') {
      logger.warn(`${what}: rejected: ${outcome.reason}`);
    } else if (how === 'sent') {
      logger.warn(`${what}: outcome unknown (${outcome.reason}); it will be looked up`);
    } else {
      // Looked up again and again until it settles: the send's warning said so once.
      logger.debug(`${what}: still unknown (${outcome.reason})`);
    }
  });
}
