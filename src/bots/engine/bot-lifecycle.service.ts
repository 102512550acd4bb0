import { ConflictException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { AuditAction, AuditTargetType } from '../../kernel/audit.enums';
import type { AuthenticatedUser } from '../../kernel/authenticated-user';
import { RetryLaterError } from '../../kernel/errors/retry-later.error';
import { lastClosedSlot } from '../../kernel/candle';
import {
  MarketDataUnavailableError,
  SymbolNotListedError,
} from '../../exchange/market-data/market-data.errors';
import { MarketDataService } from '../../exchange/market-data/market-data.service';
import { BotEventType } from '../../kernel/bot-event';
import { JobQueue } from '../../queue/job-queue';
import { JobName, jobId } from '../../queue/queue.constants';
import { money } from '../../risk/money';
import { RiskRules } from '../../risk/risk-rules';
import { UserRole } from '../../kernel/user-role';
import { BotMode, BotStatus } from '../../kernel/bot.enums';
import type { BotConfig } from '../../database/entities/bot-config.entity';
import type { Order } from '../../database/entities/order.entity';
import { AuditEventRepository } from '../../database/repositories/audit-event.repository';
import { BotConfigRepository } from '../../database/repositories/bot-config.repository';
import { BotStateRepository } from '../../database/repositories/bot-state.repository';
import { OrderRepository } from '../../database/repositories/order.repository';
import { Transactions } from '../../database/repositories/transactions';
import { EngineEvents } from './engine-events.service';
import { saveManualClose, SELLING_ON_STOP } from './manual-close';

const STOPPED = new Set([BotStatus.Stopped, BotStatus.Error]);
/** About when the market data of a failed host is asked for again. */
const EXIT_PRICING_RETRY_SECONDS = 30;

/**
 * A stop answers at once, whatever an order in flight does. With closePosition while an
 * order is unresolved, a sale would race it: the stop is recorded instead and made (with the
 * sale) by whoever settles the order, under the bot's lock. `awaitedOrder` names that order;
 * without closePosition the bot stops now and the order is still looked up until it settles.
 */
export interface StopOutcome {
  status: BotStatus;
  awaitedOrder?: { id: string; clientOrderId: string };
}

interface ExitPricing {
  refPrice: string;
  stepSize?: string;
}

/** Start and stop: state changes under the row lock, then work handed to the job queue. */
@Injectable()
export class BotLifecycleService {
  constructor(
    private readonly transactions: Transactions,
    private readonly configs: BotConfigRepository,
    private readonly states: BotStateRepository,
    private readonly orders: OrderRepository,
    private readonly auditTrail: AuditEventRepository,
    private readonly queue: JobQueue,
    private readonly marketData: MarketDataService,
    private readonly events: EngineEvents,
    private readonly riskRules: RiskRules,
  ) {}

  async start(user: AuthenticatedUser, botId: string): Promise<BotStatus> {
    const bot = await this.findVisible(user, botId);
    await this.transactions.run(async (tx) => {
      const state = await this.states.lock(tx, bot.id);
      if (!state) throw new NotFoundException('bot not found');
      if (!STOPPED.has(state.status)) {
        throw new ConflictException(`bot is already ${state.status}; stop it first`);
      }
      state.status = BotStatus.Pending;
      state.statusReason = null;
      state.lastError = null;
      state.lastDecision = 'starting: first tick queued';
      await this.states.save(tx, state);
      await this.auditTrail.record(tx, user, {
        action: AuditAction.BotStarted,
        target: { type: AuditTargetType.Bot, id: bot.id },
      });
    });
    const slot = lastClosedSlot(bot.interval, Date.now());
    const data = { botId: bot.id, slot };
    // Its own job id: the cron's id for this slot may exist from an earlier run.
    await this.queue.add([
      { name: JobName.Tick, data, id: `${jobId.tick(data)}:start:${Date.now()}` },
    ]);
    await this.events.publish([this.events.event(BotEventType.BotStarted, bot, {})]);
    return BotStatus.Pending;
  }

  async stop(user: AuthenticatedUser, botId: string, closePosition: boolean): Promise<StopOutcome> {
    const bot = await this.findVisible(user, botId);
    const isPaper = bot.mode === BotMode.Paper;
    const now = Date.now();
    // Priced before the lock: no network call may happen while it is held. A stop that must
    // wait for an order in flight needs no price, so a failure counts only without one.
    let exit: ExitPricing | undefined;
    let pricingFailure: unknown;
    if (closePosition) {
      try {
        exit = await this.exitPricing(bot, now, isPaper);
      } catch (error) {
        pricingFailure = error;
      }
    }
    const stopped = await this.transactions.run(async (tx) => {
      const state = await this.states.lock(tx, bot.id);
      if (!state) throw new NotFoundException('bot not found');
      if (state.status === BotStatus.Stopped) throw new ConflictException('bot is already stopped');
      const unresolved = state.pendingOrderId
        ? await this.orders.findSending(state.pendingOrderId, tx)
        : null;
      const awaitedOrder = unresolved
        ? { id: unresolved.id, clientOrderId: unresolved.clientOrderId }
        : undefined;
      if (closePosition && awaitedOrder) {
        // Asked again while waiting: the first request stands.
        if (!state.stopRequestedAt) {
          state.stopRequestedAt = new Date(now);
          state.statusReason = `stopping once order ${awaitedOrder.clientOrderId} settles, then selling the position`;
          await this.states.save(tx, state);
          await this.auditTrail.record(tx, user, {
            action: AuditAction.BotStopped,
            target: { type: AuditTargetType.Bot, id: bot.id },
            details: { closePosition, awaitedOrderId: awaitedOrder.id },
          });
        }
        return { status: state.status, awaitedOrder, waits: true };
      }
      if (pricingFailure !== undefined) throw pricingFailure;
      state.status = BotStatus.Stopped;
      state.statusReason = 'stopped by request';
      state.stopRequestedAt = null;
      const qty =
        exit && state.inPosition && state.positionQty
          ? this.riskRules.floorToStep(money(state.positionQty), exit.stepSize)
          : undefined;
      let order: Order | undefined;
      if (exit && qty?.gt(0)) {
        order = await saveManualClose(this.orders, tx, bot, qty, exit.refPrice, now);
        state.pendingOrderId = order.id;
        state.lastDecision = SELLING_ON_STOP;
      }
      await this.states.save(tx, state);
      await this.auditTrail.record(tx, user, {
        action: AuditAction.BotStopped,
        target: { type: AuditTargetType.Bot, id: bot.id },
        details: { closePosition, ...(order && { orderId: order.id }) },
      });
      return { status: BotStatus.Stopped, awaitedOrder, waits: false, intent: order };
    });
    const { waits, intent, ...outcome } = stopped;
    if (waits) return outcome;
    await this.queue.removeBotJobs(bot.id);
    if (intent) {
      const data = { botId: bot.id, orderId: intent.id };
      await this.queue.add([{ name: JobName.ExecuteOrder, data, id: jobId.executeOrder(data) }]);
    }
    // The event says a position is being sold only when one was: a flat bot just stops.
    const selling = intent !== undefined;
    await this.events.publish([
      this.events.event(BotEventType.BotStopped, bot, { closePosition: selling }),
    ]);
    return outcome;
  }

  /** What the exchange cannot tell is the client's to retry, never a 500. */
  private async exitPricing(bot: BotConfig, now: number, isPaper: boolean): Promise<ExitPricing> {
    const slot = lastClosedSlot(bot.interval, now);
    try {
      const [market, info] = await Promise.all([
        this.marketData.closedCandles(bot.symbol, bot.interval, slot, isPaper),
        this.marketData.symbolInfo(bot.symbol, isPaper),
      ]);
      return { refPrice: market.candles.at(-1)!.close, stepSize: info.filters.stepSize };
    } catch (error) {
      if (error instanceof SymbolNotListedError) {
        throw new ConflictException(
          `${bot.symbol} is not listed on the exchange: stop the bot without closePosition`,
        );
      }
      if (error instanceof MarketDataUnavailableError) {
        throw new RetryLaterError(
          `the position cannot be priced now (${error.reason}); the bot keeps running, try again`,
          EXIT_PRICING_RETRY_SECONDS,
          HttpStatus.SERVICE_UNAVAILABLE,
        );
      }
      throw error;
    }
  }

  /** Another user's bot is a 404, exactly like a missing one; admins see every bot. */
  private async findVisible(user: AuthenticatedUser, botId: string): Promise<BotConfig> {
    const ownerId = user.role === UserRole.Admin ? undefined : user.id;
    const bot = await this.configs.findVisible(botId, ownerId);
    if (!bot) throw new NotFoundException('bot not found');
    return bot;
  }
}
