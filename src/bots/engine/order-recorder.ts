import { randomUUID } from 'node:crypto';
import type { OrderOutcome, SymbolInfo } from '../../exchange/exchange-client.interface';
import { BotEventType, type BotEvent } from '../../kernel/bot-event';
import type { RiskRules } from '../../risk/risk-rules';
import { formatMoney, money, type Money } from '../../risk/money';
import { applyFill } from '../../trading/apply-fill';
import { BotMode, BotStatus, ExitReason, OrderSide, OrderStatus } from '../../kernel/bot.enums';
import type { BotConfig } from '../../database/entities/bot-config.entity';
import type { BotState } from '../../database/entities/bot-state.entity';
import type { Order } from '../../database/entities/order.entity';
import type {
  BotStatePatch,
  BotStateRepository,
} from '../../database/repositories/bot-state.repository';
import type { OrderRepository } from '../../database/repositories/order.repository';
import type { NewTrade, TradeRepository } from '../../database/repositories/trade.repository';
import type { Transactions, Tx } from '../../database/repositories/transactions';
import { positionOf, riskParamsOf } from './bot-params';
import type { EngineEvents } from './engine-events.service';
import { saveManualClose, SELLING_ON_STOP } from './manual-close';

/**
 * A stopped bot ticks no more, so the end of its manual close is the last decision it shows
 * (instead of "stopping: selling the position").
 */
const MANUAL_CLOSE_ENDED = {
  filled: 'stopped: the position was sold (manual)',
  rejected: 'stopped: the sale of the position was refused',
} as const;

/** What a stopping bot's position stands at once its last order settled. */
interface Settled {
  inPosition: boolean;
  positionQty: string | null;
  /** The latest price known: the settled order's, or the one it was decided at. */
  refPrice: string;
}

/**
 * The last phase of an order intent, however it got its outcome (its send, a lookup, the
 * sweep): under the bot's state lock, the order, its trade and the bot's position and
 * counters change together, once; the events follow the commit. A stop with closePosition
 * that waited for the order takes effect in the same transaction: each method resolves to
 * the id of the sale it then saved, for the caller to send, or null.
 */
export class OrderRecorder {
  constructor(
    private readonly transactions: Transactions,
    private readonly states: BotStateRepository,
    private readonly orders: OrderRepository,
    private readonly trades: TradeRepository,
    private readonly events: EngineEvents,
    private readonly riskRules: RiskRules,
  ) {}

  /** Locks (waiting: a fill is never skipped) and records the outcome exactly once. */
  async record(
    bot: BotConfig,
    orderId: string,
    outcome: OrderOutcome,
    info: SymbolInfo,
  ): Promise<string | null> {
    const events: BotEvent[] = [];
    const closeId = await this.transactions.run(async (tx) => {
      const state = await this.states.lock(tx, bot.id);
      const order = await this.orders.findById(orderId, tx);
      if (!state || !order || order.status !== OrderStatus.Sending) return null;

      if (outcome.status === 'unknown') {
        await this.orders.update(tx, order.id, {
          error: outcome.reason,
          ...(outcome.fillsUnread && {
            fillReadFailures: order.fillReadFailures + 1,
            fillsUnreadSince: order.fillsUnreadSince ?? new Date(),
          }),
        });
        await this.states.update(tx, bot.id, {
          lastError: `order ${order.clientOrderId} outcome unknown: ${outcome.reason}`,
        });
        return null;
      }
      if (outcome.status === 'rejected') {
        const reason = `order rejected: ${outcome.reason}`;
        await this.orders.update(tx, order.id, {
          status: OrderStatus.Rejected,
          error: outcome.reason,
          resolvedAt: new Date(),
        });
        const patch: BotStatePatch = {
          status: BotStatus.Error,
          statusReason: reason,
          lastError: reason,
          pendingOrderId: null,
          ...(order.reason === ExitReason.Manual
            ? { lastDecision: MANUAL_CLOSE_ENDED.rejected }
            : {}),
        };
        const close = await this.stopIfRequested(tx, bot, state, patch, info, events, {
          inPosition: state.inPosition,
          positionQty: state.positionQty,
          refPrice: order.refPrice ?? '0',
        });
        await this.states.update(tx, bot.id, patch);
        events.unshift(
          this.events.event(BotEventType.OrderRejected, bot, {
            clientOrderId: order.clientOrderId,
            side: order.side === OrderSide.Buy ? 'BUY' : 'SELL',
            reason: outcome.reason,
          }),
          this.events.event(BotEventType.BotError, bot, { reason }),
        );
        return close;
      }

      const { fill } = outcome;
      const side = order.side === OrderSide.Buy ? 'BUY' : 'SELL';
      const effect = applyFill({ side, ...fill }, info, positionOf(state));
      const trade: NewTrade = {
        id: randomUUID(),
        botId: bot.id,
        orderId: order.id,
        symbol: order.symbol,
        side: order.side,
        reason: order.reason,
        mode: order.mode,
        price: formatMoney(fill.avgPrice),
        qty: formatMoney(fill.executedQty),
        quoteQty: formatMoney(fill.quoteQty),
        fee: formatMoney(fill.commission),
        feeAsset: fill.commissionAsset,
        feeEstimated: fill.feeEstimated ?? false,
        pnl: effect.pnl ? formatMoney(effect.pnl) : null,
        time: fill.time,
        createdAt: new Date(),
      };
      const patch: BotStatePatch = {
        ...positionPatch(effect.position, fill.time, bot, this.riskRules),
        pendingOrderId: null,
        dailyTrades: state.dailyTrades + (side === 'BUY' ? 1 : 0),
        dailyRealizedPnl: effect.pnl
          ? formatMoney(money(state.dailyRealizedPnl).plus(effect.pnl))
          : state.dailyRealizedPnl,
        realizedPnlTotal: effect.pnl
          ? formatMoney(money(state.realizedPnlTotal).plus(effect.pnl))
          : state.realizedPnlTotal,
        ...lastDecisionOfFill(order, trade),
      };
      if (bot.mode === BotMode.Paper) {
        patch.quoteBalance = formatMoney(money(state.quoteBalance ?? '0').plus(effect.quoteDelta));
        patch.baseBalance = formatMoney(money(state.baseBalance ?? '0').plus(effect.baseDelta));
      }
      const limit = this.riskRules.dailyLimitHit(
        { trades: patch.dailyTrades!, realizedPnl: patch.dailyRealizedPnl! },
        riskParamsOf(bot),
      );
      // A stop waiting for this order is made below: no pause on the way.
      if (limit && state.status !== BotStatus.Stopped && !state.stopRequestedAt) {
        patch.status = BotStatus.Paused;
        patch.statusReason = limit.reason;
        if (state.status !== BotStatus.Paused) {
          events.push(
            this.events.event(BotEventType.BotPaused, bot, {
              limit: limit.limit,
              reason: limit.reason,
            }),
          );
        }
      }
      const close = await this.stopIfRequested(tx, bot, state, patch, info, events, {
        inPosition: patch.inPosition!,
        positionQty: patch.positionQty ?? null,
        refPrice: trade.price,
      });
      events.unshift(this.tradeEvent(bot, trade));
      await this.orders.update(tx, order.id, {
        status: OrderStatus.Filled,
        exchangeOrderId: fill.exchangeOrderId,
        executedQty: formatMoney(fill.executedQty),
        avgPrice: formatMoney(fill.avgPrice),
        commission: formatMoney(fill.commission),
        commissionAsset: fill.commissionAsset,
        resolvedAt: new Date(),
      });
      await this.trades.insert(tx, trade);
      await this.states.update(tx, bot.id, patch);
      return close;
    });
    await this.events.publish(events);
    return closeId;
  }

  /**
   * Ends an intent that was never placed and will not be sent (an entry whose candle has
   * passed): expired with the reason, which the bot shows as its last decision.
   */
  async drop(
    bot: BotConfig,
    orderId: string,
    reason: string,
    info: SymbolInfo,
  ): Promise<string | null> {
    const events: BotEvent[] = [];
    const closeId = await this.transactions.run(async (tx) => {
      const state = await this.states.lock(tx, bot.id);
      const order = await this.orders.findById(orderId, tx);
      if (!state || !order || order.status !== OrderStatus.Sending) return null;
      await this.orders.update(tx, order.id, {
        status: OrderStatus.Expired,
        error: reason,
        resolvedAt: new Date(),
      });
      const patch: BotStatePatch = { pendingOrderId: null, lastDecision: reason };
      const close = await this.stopIfRequested(tx, bot, state, patch, info, events, {
        inPosition: state.inPosition,
        positionQty: state.positionQty,
        refPrice: order.refPrice ?? '0',
      });
      await this.states.update(tx, bot.id, patch);
      return close;
    });
    await this.events.publish(events);
    return closeId;
  }

  /**
   * A stop with closePosition waited for this order: now it settled, the bot stops, and what
   * it still holds is put up for sale (into `patch`, under the same lock).
   */
  private async stopIfRequested(
    tx: Tx,
    bot: BotConfig,
    state: BotState,
    patch: BotStatePatch,
    info: SymbolInfo,
    events: BotEvent[],
    settled: Settled,
  ): Promise<string | null> {
    if (!state.stopRequestedAt) return null;
    Object.assign(patch, {
      status: BotStatus.Stopped,
      statusReason: 'stopped by request',
      stopRequestedAt: null,
    });
    const qty: Money | null =
      settled.inPosition && settled.positionQty
        ? this.riskRules.floorToStep(money(settled.positionQty), info.filters.stepSize)
        : null;
    // The awaited order may have sold the position already: then nothing is being sold.
    const selling = qty !== null && qty.gt(0);
    events.push(this.events.event(BotEventType.BotStopped, bot, { closePosition: selling }));
    if (qty === null || !selling) return null;
    const close = await saveManualClose(this.orders, tx, bot, qty, settled.refPrice);
    Object.assign(patch, { pendingOrderId: close.id, lastDecision: SELLING_ON_STOP });
    return close.id;
  }

  private tradeEvent(bot: BotConfig, trade: NewTrade): BotEvent {
    const common = {
      tradeId: trade.id,
      price: trade.price,
      qty: trade.qty,
      quoteQty: trade.quoteQty,
      fee: trade.fee,
      feeAsset: trade.feeAsset,
      feeEstimated: trade.feeEstimated,
      time: trade.time.toISOString(),
    };
    return trade.side === OrderSide.Buy
      ? this.events.event(BotEventType.TradeOpened, bot, { ...common, side: 'BUY' })
      : this.events.event(BotEventType.TradeClosed, bot, {
          ...common,
          side: 'SELL',
          pnl: trade.pnl,
          reason: trade.reason ?? ExitReason.Signal,
        });
  }
}

/** A manual close's end, and a fee estimated for want of the order's trade list, are shown. */
function lastDecisionOfFill(order: Order, trade: NewTrade): BotStatePatch {
  const estimated = trade.feeEstimated
    ? `order ${order.clientOrderId} settled from its own totals (its trade list could not be read): fee ${trade.fee} ${trade.feeAsset} estimated`
    : null;
  if (order.reason === ExitReason.Manual) {
    const ended = MANUAL_CLOSE_ENDED.filled;
    return { lastDecision: estimated ? `${ended}; ${estimated}` : ended };
  }
  return estimated ? { lastDecision: estimated } : {};
}

function positionPatch(
  position: ReturnType<typeof applyFill>['position'],
  time: Date,
  bot: BotConfig,
  riskRules: RiskRules,
): BotStatePatch {
  const levels = position ? riskRules.exitLevels(position.entryPrice, riskParamsOf(bot)) : null;
  return {
    inPosition: position !== null,
    positionQty: position?.qty ?? null,
    entryPrice: position?.entryPrice ?? null,
    entryCostQuote: position?.entryCostQuote ?? null,
    trailingHigh: position?.high ?? null,
    entryTime: position ? time : null,
    stopLossPrice: levels?.stopLoss ? formatMoney(levels.stopLoss) : null,
    takeProfitPrice: levels?.takeProfit ? formatMoney(levels.takeProfit) : null,
  };
}
