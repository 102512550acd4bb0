import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import {
  FinalExchangeError,
  type OrderOutcome,
  type SymbolInfo,
} from '../../exchange/exchange-client.interface';
import {
  MarketDataUnavailableError,
  SymbolNotListedError,
} from '../../exchange/market-data/market-data.errors';
import {
  type ClosedCandles,
  MarketDataService,
} from '../../exchange/market-data/market-data.service';
import { withLogFields } from '../../logging/log-context';
import { AppMetrics } from '../../metrics/app-metrics';
import { utcDay } from '../../risk/daily-limits';
import { RiskRules } from '../../risk/risk-rules';
import { StrategyRegistryService } from '../../strategies/strategy-registry.service';
import { afterNeverPlaced } from '../../trading/never-placed-order';
import { absenceIsFinal } from '../../trading/order-lookups';
import { settleFromOrderIfFillsFail } from '../../trading/unread-fills';
import { StrategyFailure } from '../../strategies/strategy-failure';
import { decideTick, type TickDecision } from '../../trading/tick-decision';
import { protectionsAfterTick, protectionsBeforeTick } from '../../trading/tick-protections';
import type { EntryPause } from '../../risk/protections';
import { BotEventType, type BotEvent } from '../../kernel/bot-event';
import {
  BotMode,
  BotStatus,
  ExitReason,
  OrderSide,
  OrderStatus,
  TICKING_STATUSES,
} from '../../kernel/bot.enums';
import type { BotConfig } from '../../database/entities/bot-config.entity';
import type { BotState } from '../../database/entities/bot-state.entity';
import type { Order } from '../../database/entities/order.entity';
import { BotConfigRepository } from '../../database/repositories/bot-config.repository';
import {
  type BotStatePatch,
  BotStateRepository,
} from '../../database/repositories/bot-state.repository';
import { OrderRepository } from '../../database/repositories/order.repository';
import { ExternalSignalRepository } from '../../database/repositories/external-signal.repository';
import { ExternalSignalStatus } from '../../database/entities/external-signal.entity';
import { lastClosedSlot } from '../../kernel/candle';
import { TradeRepository } from '../../database/repositories/trade.repository';
import { Transactions, type Tx } from '../../database/repositories/transactions';
import { fillParamsOf, positionOf, riskParamsOf } from './bot-params';
import {
  pauseEnd,
  protectionPatch,
  protectionStateOf,
  startedPause,
  tickClock,
  tickEquity,
} from './tick-protection-state';
import { clientOrderIdFor, signalClientOrderIdFor } from './client-order-id';
import { EngineEvents } from './engine-events.service';
import { logOrderOutcome } from './engine-log';
import { ExchangeRouter } from './exchange-router.service';
import { LookupTimers } from './lookup-timers';
import { type OrderClaim, OrderClaims } from './order-claims';
import { OrderRecorder } from './order-recorder';
import { isLockNotAvailable } from '../../database/lock-not-available';
import type { TickOutcome } from './tick-outcome';
import { INTERVAL_MS } from '../../kernel/interval';

const TICKING = new Set(TICKING_STATUSES);
export const SIMULATED_MARKET_REASON = 'simulated market data: Binance unreachable';

type Plan =
  | { kind: 'done'; outcome: TickOutcome }
  | { kind: 'resolve'; order: Order; claim: OrderClaim }
  | { kind: 'send'; order: Order; claim: OrderClaim };

/**
 * One tick of one bot in three phases, so no row lock is ever held across a network call:
 *   1. lock the state row (NOWAIT: a busy bot's tick is skipped), decide, commit the
 *      state and, for an order, its intent;
 *   2. send the order with no transaction open;
 *   3. lock again and record the fill.
 * Candles are fetched before phase 1: they are shared by every bot on the symbol and
 * fetching them under the lock would hold it across a network call.
 */
@Injectable()
export class BotRunnerService implements OnModuleDestroy {
  private readonly logger = new Logger(BotRunnerService.name);
  private readonly claims: OrderClaims;
  private readonly recorder: OrderRecorder;
  private readonly lookups: LookupTimers;
  private readonly graceMs: number;

  constructor(
    private readonly transactions: Transactions,
    private readonly configs: BotConfigRepository,
    private readonly states: BotStateRepository,
    private readonly orders: OrderRepository,
    trades: TradeRepository,
    private readonly marketData: MarketDataService,
    private readonly strategies: StrategyRegistryService,
    private readonly exchanges: ExchangeRouter,
    config: AppConfig,
    private readonly events: EngineEvents,
    private readonly metrics: AppMetrics,
    private readonly riskRules: RiskRules,
    private readonly signals: ExternalSignalRepository,
  ) {
    this.claims = new OrderClaims(orders, config.orderGraceMs);
    this.recorder = new OrderRecorder(transactions, states, orders, trades, events, riskRules);
    this.lookups = new LookupTimers(
      (botId, orderId) => this.resolveOrder(botId, orderId),
      this.logger,
    );
    this.graceMs = config.orderGraceMs;
  }

  onModuleDestroy(): Promise<void> {
    return this.lookups.close();
  }

  async tick(botId: string, slot: number, viaSignal = false): Promise<TickOutcome> {
    // The status is checked under the lock in phase 1; a job exists only for a bot that
    // was ticking when it was queued, so no unlocked pre-check (a costly join) is needed.
    const bot = await this.configs.findById(botId);
    if (!bot) return 'not_running';
    // A signal's tick prices at the newest closed candle, even when one closed since it was queued.
    const latest = viaSignal ? Math.max(slot, lastClosedSlot(bot.interval, Date.now())) : slot;
    return this.tickBot(bot, latest);
  }

  /** One bot's tick for `slot`, its config already read. */
  async tickBot(bot: BotConfig, slot: number): Promise<TickOutcome> {
    const botId = bot.id;
    const isPaper = bot.mode === BotMode.Paper;
    let market: ClosedCandles;
    let info: SymbolInfo;
    try {
      market = await this.marketData.closedCandles(bot.symbol, bot.interval, slot, isPaper);
      info = await this.marketData.symbolInfo(bot.symbol, isPaper);
    } catch (error) {
      if (error instanceof SymbolNotListedError) {
        await this.failBot(bot, `market data: ${error.message}`);
        return 'failed';
      }
      if (error instanceof MarketDataUnavailableError) {
        await this.noteWaiting(botId, `market data: ${error.reason}`);
      }
      throw error;
    }
    let liveBalance: string | null = null;
    if (!isPaper) {
      const spendable = await this.spendableQuote(bot, info);
      if (spendable === 'failed') return 'failed';
      liveBalance = spendable;
    }

    // An intent left by an earlier tick is resolved first; then this tick decides afresh.
    for (let round = 0; round < 2; round++) {
      let plan: Plan;
      const events: BotEvent[] = [];
      try {
        plan = await this.transactions.run((tx) =>
          this.decide(tx, bot, slot, market, info, liveBalance, events),
        );
      } catch (error) {
        // Retrying cannot cure it: this tick fails, shown on the state, and the next one runs.
        if (error instanceof StrategyFailure) {
          await this.states.setLastError(botId, error.message);
          return 'strategy_failed';
        }
        if (!isLockNotAvailable(error)) throw error;
        await this.countSkipped(botId);
        return 'skipped_locked';
      }
      await this.events.publish(events);
      if (plan.kind === 'done') return plan.outcome;
      if (plan.kind === 'send') return this.send(bot, plan.order, info, plan.claim);
      const resolved = await this.resolve(bot, plan.order, info, plan.claim);
      if (resolved !== 'resolved' && resolved !== 'order_dropped') return resolved;
    }
    return 'order_in_flight';
  }

  /**
   * Settles an intent outside a tick: the manual close of a stopped bot (its first send), or
   * any intent left unresolved (the sweep). Sent only if never sent, looked up otherwise.
   */
  async resolveOrder(botId: string, orderId: string): Promise<TickOutcome> {
    const bot = await this.configs.findById(botId);
    const order = await this.orders.findById(orderId);
    if (!bot || !order || order.status !== OrderStatus.Sending) return 'not_running';
    const claim = await this.claims.take(order.id);
    if (!claim) return 'order_in_flight';
    const info = await this.marketData.symbolInfo(order.symbol, bot.mode === BotMode.Paper);
    const outcome = await this.resolve(bot, order, info, claim);
    return outcome === 'resolved' ? 'ordered' : outcome;
  }

  /** Phase 1: under the NOWAIT lock, decide and commit the state (and any intent). */
  private async decide(
    tx: Tx,
    bot: BotConfig,
    slot: number,
    market: ClosedCandles,
    info: SymbolInfo,
    liveBalance: string | null,
    events: BotEvent[],
  ): Promise<Plan> {
    const state = await this.states.lockNowait(tx, bot.id);
    if (!state || !TICKING.has(state.status)) return { kind: 'done', outcome: 'not_running' };

    if (state.pendingOrderId) {
      const unresolved = await this.orders.findById(state.pendingOrderId, tx);
      if (unresolved?.status === OrderStatus.Sending) {
        const claim = await this.claims.take(unresolved.id, tx);
        if (!claim) return { kind: 'done', outcome: 'order_in_flight' };
        return { kind: 'resolve', order: unresolved, claim };
      }
    }

    const strategy = this.strategies.get(bot.strategy);
    // An external-signal bot acts on its oldest pending alert, also in a slot already ticked.
    const pending = strategy?.external ? await this.signals.oldestPending(tx, bot.id) : null;
    if (!pending && state.lastSlot !== null && Number(state.lastSlot) >= slot) {
      if (state.status === BotStatus.Pending) {
        await this.states.update(tx, bot.id, { status: BotStatus.Running });
      }
      return { kind: 'done', outcome: 'skipped_duplicate' };
    }

    const statusBefore = state.status;
    const patch: BotStatePatch = dailyRollover(state, new Date(slot));
    Object.assign(state, patch);
    if (!strategy) throw new Error(`strategy ${bot.strategy} is not registered`);
    const risk = riskParamsOf(bot);
    const clock = tickClock(bot, state, slot);
    const protections = protectionsBeforeTick(
      protectionStateOf(state),
      clock,
      risk.maxDrawdownPct == null ? null : tickEquity(bot, state, market),
      risk,
      this.riskRules,
    );
    const decision = decideTick(
      {
        strategy,
        strategyParams: bot.strategyParams,
        risk,
        entryPause: protections.pause,
        fill: fillParamsOf(bot),
        filters: info.filters,
        candles: market.candles,
        columns: market.columns,
        position: positionOf(state),
        daily: { trades: state.dailyTrades, realizedPnl: state.dailyRealizedPnl },
        quoteBalance: liveBalance ?? state.quoteBalance ?? '0',
        pendingSignal: pending && {
          alertId: pending.alertId,
          action: pending.action,
          ageMs: Date.now() - pending.receivedAt.getTime(),
        },
      },
      this.riskRules,
    );
    if (pending && decision.signalOutcome) {
      const status =
        decision.signalOutcome === 'expired'
          ? ExternalSignalStatus.Expired
          : ExternalSignalStatus.Used;
      await this.signals.settle(tx, pending.id, status, decision.note);
    }
    // Never back: a signal's tick may run on a slot older than one a candle tick has done.
    const patchSlot = Math.max(slot, Number(state.lastSlot ?? slot));
    Object.assign(patch, decisionPatch(decision, market, patchSlot));
    const afterTick = protectionsAfterTick(
      protections,
      decision.order?.reason ?? null,
      clock,
      risk,
      this.riskRules,
    );
    Object.assign(patch, protectionPatch(state, afterTick, decision.dailyLimit));
    const ended = state.protection && !afterTick.pause ? state.protection : null;
    events.push(...this.statusEvents(bot, statusBefore, patch, decision, ended));
    events.push(...this.protectionEvents(bot, state.protection, afterTick.pause));

    if (!decision.order) {
      await this.states.update(tx, bot.id, patch);
      return { kind: 'done', outcome: 'held' };
    }
    const side = decision.order.side === 'BUY' ? OrderSide.Buy : OrderSide.Sell;
    const order = await this.orders.insertIntent(tx, {
      id: randomUUID(),
      botId: bot.id,
      clientOrderId: pending
        ? signalClientOrderIdFor(bot.id, pending.id, decision.order.side)
        : clientOrderIdFor(bot.id, slot, decision.order.side),
      symbol: bot.symbol,
      side,
      reason: decision.order.reason as ExitReason,
      mode: bot.mode,
      status: OrderStatus.Sending,
      requestedQty: decision.order.qty,
      refPrice: decision.order.refPrice,
      slot: String(slot),
      claimedUntil: this.claims.forNewIntent(),
      createdAt: new Date(),
    });
    await this.states.update(tx, bot.id, { ...patch, pendingOrderId: order.id });
    return {
      kind: 'send',
      order,
      claim: { until: order.claimedUntil!, firstSend: true, attemptAt: order.createdAt },
    };
  }

  /** Phase 2 and 3: send with no transaction open, then record what happened. */
  private async send(
    bot: BotConfig,
    order: Order,
    info: SymbolInfo,
    claim: OrderClaim,
  ): Promise<TickOutcome> {
    const exchange = await this.exchanges.forBot(bot);
    const outcome = await exchange.placeMarketOrder({
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
      side: order.side === OrderSide.Buy ? 'BUY' : 'SELL',
      qty: order.requestedQty ?? '0',
      refPrice: order.refPrice ?? '0',
    });
    logOrderOutcome(this.logger, order, outcome, 'sent');
    this.countSettled(order, outcome.status);
    await this.record(bot, order, outcome, info);
    if (outcome.status !== 'unknown') return 'ordered';
    const due = await this.claims.afterUnknownOutcome(order.id, claim);
    if (due) this.lookups.schedule(bot.id, order.id, due);
    return 'order_unresolved';
  }

  /**
   * An intent found unresolved, under our claim (so its next lookup is due): sent if it never
   * was; otherwise looked up. One the exchange still does not know once the grace period has
   * passed never reached it: while our claim holds, it is re-sent with the same
   * clientOrderId, or dropped if it is an entry whose candle has passed. Any other lookup
   * that settles nothing plans the next one.
   */
  private async resolve(
    bot: BotConfig,
    order: Order,
    info: SymbolInfo,
    claim: OrderClaim,
  ): Promise<TickOutcome | 'resolved'> {
    if (claim.firstSend) {
      const outcome = await this.send(bot, order, info, claim);
      return outcome === 'ordered' ? 'resolved' : outcome;
    }
    const exchange = await this.exchanges.forBot(bot);
    const settleWithoutFills = settleFromOrderIfFillsFail(
      { count: order.fillReadFailures, firstAt: order.fillsUnreadSince?.getTime() ?? null },
      Date.now(),
    );
    const found = await exchange.findOrder(order.symbol, order.clientOrderId, {
      settleWithoutFills,
    });
    const absent = found.status === 'absent';
    if (absent && absenceIsFinal(claim.attemptAt.getTime(), Date.now(), this.graceMs)) {
      if (!(await this.claims.renew(order.id, claim))) {
        return 'order_in_flight';
      }
      const next = afterNeverPlaced(
        {
          side: order.side === OrderSide.Buy ? 'BUY' : 'SELL',
          slot: Number(order.slot),
          intervalMs: INTERVAL_MS[bot.interval],
        },
        Date.now(),
      );
      if (next.action === 'drop') {
        this.logger.warn(`order ${order.clientOrderId} of bot ${bot.id}: ${next.reason}`);
        this.sendClose(bot, await this.recorder.drop(bot, order.id, next.reason, info));
        this.countSettled(order, 'dropped');
        return 'order_dropped';
      }
      this.logger.warn(
        `order ${order.clientOrderId} of bot ${bot.id} never reached the exchange: sending it`,
      );
      const outcome = await this.send(bot, order, info, claim);
      return outcome === 'ordered' ? 'resolved' : outcome;
    }
    if (!absent) {
      logOrderOutcome(this.logger, order, found, 'looked up');
      this.countSettled(order, found.status);
      await this.record(bot, order, found, info);
    }
    if (found.status === 'filled' || found.status === 'rejected') return 'resolved';
    const due = await this.claims.afterInconclusiveLookup(order.id, claim);
    if (due) this.lookups.schedule(bot.id, order.id, due);
    return 'order_unresolved';
  }

  /** Phase 3, logged with the order's id: the trade or the rejection it records. */
  private async record(
    bot: BotConfig,
    order: Order,
    outcome: OrderOutcome,
    info: SymbolInfo,
  ): Promise<void> {
    const closeId = await withLogFields({ orderId: order.id }, () =>
      this.recorder.record(bot, order.id, outcome, info),
    );
    this.sendClose(bot, closeId);
  }

  /**
   * The sale a stop left for this order to settle first, sent at once by this process (the
   * sweep sends it if the process dies first).
   */
  private sendClose(bot: BotConfig, closeId: string | null): void {
    if (closeId) this.lookups.schedule(bot.id, closeId, new Date());
  }

  /** An order's final status in the metrics; one still unknown is in order_unresolved. */
  private countSettled(order: Order, status: OrderOutcome['status'] | 'dropped'): void {
    if (status === 'unknown') return;
    this.metrics.orders.inc({ mode: order.mode, side: order.side, status });
  }

  /** A protection's pause this tick started (the bot's status shows it too). */
  private protectionEvents(
    bot: BotConfig,
    before: EntryPause | null,
    after: EntryPause | null,
  ): BotEvent[] {
    const started = startedPause(before, after);
    if (!started) return [];
    const { kind, reason } = started;
    const until = pauseEnd(started);
    return [this.events.event(BotEventType.BotPaused, bot, { limit: kind, reason, until })];
  }

  /**
   * A pause by a daily limit, or its lifting by a new UTC day or by the end of a protection's
   * pause (`ended`), as this tick changes it.
   */
  private statusEvents(
    bot: BotConfig,
    before: BotStatus,
    patch: BotStatePatch,
    decision: TickDecision,
    ended: EntryPause | null,
  ): BotEvent[] {
    const after = patch.status ?? before;
    if (before !== BotStatus.Paused && after === BotStatus.Paused && decision.dailyLimit) {
      const { limit, reason } = decision.dailyLimit;
      return [this.events.event(BotEventType.BotPaused, bot, { limit, reason })];
    }
    if (before === BotStatus.Paused && after === BotStatus.Running) {
      const reason = ended ? `the ${ended.kind} pause ended` : 'a new UTC day began';
      return [this.events.event(BotEventType.BotResumed, bot, { reason })];
    }
    return [];
  }

  /**
   * A live bot spends what its account holds, read before the lock (no network under it).
   * Only a flat bot with nothing in flight can buy, so only it pays for the read.
   */
  private async spendableQuote(bot: BotConfig, info: SymbolInfo): Promise<string | 'failed'> {
    const state = await this.states.findById(bot.id);
    if (!state || state.inPosition || state.pendingOrderId) return '0';
    try {
      const account = await this.exchanges.liveAccount(bot);
      return await account.freeBalance(info.quoteAsset);
    } catch (error) {
      const message = (error as Error).message;
      if (error instanceof FinalExchangeError) {
        await this.failBot(bot, `account check refused: ${message}`);
        return 'failed';
      }
      await this.noteWaiting(bot.id, `the account balance: ${message}`);
      throw error;
    }
  }

  /** A refusal retrying cannot cure: the bot stops in `error`, and its owner hears of it. */
  private async failBot(bot: BotConfig, reason: string): Promise<void> {
    const failed = await this.transactions.run(async (tx) => {
      const state = await this.states.lock(tx, bot.id);
      if (!state || !TICKING.has(state.status)) return false;
      await this.states.update(tx, bot.id, {
        status: BotStatus.Error,
        statusReason: reason,
        lastError: reason,
      });
      return true;
    });
    if (failed)
      await this.events.publish([this.events.event(BotEventType.BotError, bot, { reason })]);
  }

  /** A retryable wait, shown on the state while the bot keeps running. */
  private async noteWaiting(botId: string, what: string): Promise<void> {
    await this.states.setLastError(botId, `waiting for ${what}`);
  }

  /** Counted after the fact: the row is locked now, so this waits for that tick to end. */
  private async countSkipped(botId: string): Promise<void> {
    await this.states
      .countSkippedTick(botId)
      .catch((error: Error) =>
        this.logger.warn(`could not count a skipped tick: ${error.message}`),
      );
  }
}

/** A new UTC day zeroes the daily counters and lifts a pause a daily limit caused. */
export function dailyRollover(state: BotState, now: Date): BotStatePatch {
  const today = utcDay(now);
  if (state.dailyDate === today) return {};
  const patch: BotStatePatch = { dailyDate: today, dailyTrades: 0, dailyRealizedPnl: '0' };
  if (state.status === BotStatus.Paused) {
    patch.status = BotStatus.Running;
    patch.statusReason = null;
  }
  return patch;
}

/** What a tick's decision writes on the state, traded or not. */
function decisionPatch(decision: TickDecision, market: ClosedCandles, slot: number): BotStatePatch {
  const last = market.candles.at(-1);
  return {
    lastSlot: String(slot),
    lastTickAt: new Date(),
    lastSignal: {
      action: decision.signal.action,
      indicators: decision.signal.indicators,
      ...(decision.signal.reason ? { reason: decision.signal.reason } : {}),
      candleCloseTime: last?.closeTime ?? null,
      close: last?.close ?? null,
    },
    lastDecision: decision.note,
    lastError: null,
    ...(decision.trailingHigh !== null ? { trailingHigh: decision.trailingHigh } : {}),
    ...(decision.dailyLimit
      ? { status: BotStatus.Paused, statusReason: decision.dailyLimit.reason }
      : {
          status: BotStatus.Running,
          statusReason: market.simulated ? SIMULATED_MARKET_REASON : null,
        }),
  };
}
