import { ConflictException, NotFoundException } from '@nestjs/common';
import { jest } from '@jest/globals';
import type { BotConfig } from '../../database/entities/bot-config.entity';
import type { BotState } from '../../database/entities/bot-state.entity';
import type { Order } from '../../database/entities/order.entity';
import type { AuditEventRepository } from '../../database/repositories/audit-event.repository';
import type { BotConfigRepository } from '../../database/repositories/bot-config.repository';
import type { BotStateRepository } from '../../database/repositories/bot-state.repository';
import type { OrderRepository } from '../../database/repositories/order.repository';
import { recordingTransactions } from '../../database/repositories/testing/recording-transactions';
import type { Transactions, Tx } from '../../database/repositories/transactions';
import type { MarketDataService } from '../../exchange/market-data/market-data.service';
import { AuditAction, AuditTargetType } from '../../kernel/audit.enums';
import type { AuthenticatedUser } from '../../kernel/authenticated-user';
import { BotEventType } from '../../kernel/bot-event';
import { BotMode, BotStatus, ExitReason, OrderSide, OrderStatus } from '../../kernel/bot.enums';
import { UserRole } from '../../kernel/user-role';
import { RecordingQueue } from '../../queue/testing/recording-queue';
import { JobName } from '../../queue/queue.constants';
import { RiskRules } from '../../risk/risk-rules';
import { BotLifecycleService } from './bot-lifecycle.service';
import { EngineEvents } from './engine-events.service';
import { describeEvent } from './engine-log';
import { SELLING_ON_STOP } from './manual-close';

const NOW = Date.parse('2026-12-07T10:05:30Z');
/** The 1m slot that closed last at NOW. */
const SLOT = Date.parse('2026-12-07T10:05:00Z');
const OWNER: AuthenticatedUser = { id: 'user-1', email: 'owner@example.com', role: UserRole.User };
const STRANGER: AuthenticatedUser = {
  id: 'user-2',
  email: 'other@example.com',
  role: UserRole.User,
};
const ADMIN: AuthenticatedUser = {
  id: 'admin-1',
  email: 'admin@example.com',
  role: UserRole.Admin,
};
const BOT = {
  id: 'bot-1',
  userId: OWNER.id,
  name: 'eth',
  symbol: 'ETHUSDT',
  interval: '1m',
  mode: BotMode.Paper,
} as BotConfig;

function stateOf(fields: Partial<BotState>): BotState {
  return {
    id: BOT.id,
    status: BotStatus.Running,
    statusReason: null,
    lastError: null,
    lastDecision: null,
    inPosition: false,
    positionQty: null,
    pendingOrderId: null,
    stopRequestedAt: null,
    ...fields,
  } as BotState;
}

function lifecycleWith(state: BotState) {
  jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate'] });
  /** One dummy transaction a run: what was written in it must name this one. */
  const transactions = recordingTransactions();
  const opened = transactions.txs;
  const configs = {
    // The owner filter the repository applies: no owner given (an admin) sees every bot.
    findVisible: jest.fn((id: string, ownerId?: string) =>
      Promise.resolve(
        id === BOT.id && (ownerId === undefined || ownerId === BOT.userId) ? BOT : null,
      ),
    ),
  };
  const states = {
    lock: jest.fn((_tx: Tx, _botId: string) => Promise.resolve(state)),
    save: jest.fn((_tx: Tx, saved: BotState) => Promise.resolve({ ...saved })),
  };
  const orders = {
    findSending: jest.fn((_orderId: string, _tx?: Tx) => Promise.resolve<Order | null>(null)),
    insert: jest.fn((_tx: Tx, fields: Partial<Order>) =>
      Promise.resolve({ ...fields, id: 'order-new' } as Order),
    ),
  };
  const auditTrail = { record: jest.fn(() => Promise.resolve()) };
  const marketData = {
    closedCandles: jest.fn(() => Promise.resolve({ candles: [{ close: '101.5' }] })),
    symbolInfo: jest.fn(() => Promise.resolve({ trading: true, filters: { stepSize: '0.001' } })),
  };
  const events = new EngineEvents();
  const published = jest.spyOn(events, 'publish');
  const queue = new RecordingQueue();
  const lifecycle = new BotLifecycleService(
    transactions as unknown as Transactions,
    configs as unknown as BotConfigRepository,
    states as unknown as BotStateRepository,
    orders as unknown as OrderRepository,
    auditTrail as unknown as AuditEventRepository,
    queue,
    marketData as unknown as MarketDataService,
    events,
    new RiskRules(),
  );
  return {
    lifecycle,
    opened,
    transactions,
    states,
    orders,
    auditTrail,
    marketData,
    queue,
    published,
  };
}

describe('BotLifecycleService', () => {
  afterEach(() => jest.useRealTimers());

  describe('start', () => {
    it('sets a stopped bot pending, audits it in the same transaction, queues a tick and announces it', async () => {
      const state = stateOf({ status: BotStatus.Stopped, lastError: 'old failure' });
      const { lifecycle, opened, states, auditTrail, queue, published } = lifecycleWith(state);

      await expect(lifecycle.start(OWNER, BOT.id)).resolves.toBe(BotStatus.Pending);

      expect(opened).toHaveLength(1);
      const [tx] = opened;
      expect(states.lock).toHaveBeenCalledWith(tx, BOT.id);
      expect(states.save).toHaveBeenCalledWith(
        tx,
        expect.objectContaining({
          status: BotStatus.Pending,
          statusReason: null,
          lastError: null,
          lastDecision: 'starting: first tick queued',
        }),
      );
      expect(auditTrail.record).toHaveBeenCalledWith(tx, OWNER, {
        action: AuditAction.BotStarted,
        target: { type: AuditTargetType.Bot, id: BOT.id },
      });
      expect(queue.added).toEqual([
        {
          name: JobName.Tick,
          data: { botId: BOT.id, slot: SLOT },
          id: `tick:${BOT.id}:${SLOT}:start:${NOW}`,
        },
      ]);
      expect(published).toHaveBeenCalledWith([
        expect.objectContaining({
          type: BotEventType.BotStarted,
          bot: expect.objectContaining({ id: BOT.id }),
        }),
      ]);
    });

    it('refuses a running bot with 409 and queues nothing', async () => {
      const { lifecycle, states, auditTrail, queue, published } = lifecycleWith(stateOf({}));

      await expect(lifecycle.start(OWNER, BOT.id)).rejects.toBeInstanceOf(ConflictException);

      expect(states.save).not.toHaveBeenCalled();
      expect(auditTrail.record).not.toHaveBeenCalled();
      expect(queue.added).toEqual([]);
      expect(published).not.toHaveBeenCalled();
    });

    it("answers another user's bot with 404, as if it did not exist, and opens no transaction", async () => {
      const state = stateOf({ status: BotStatus.Stopped });
      const { lifecycle, transactions, queue } = lifecycleWith(state);

      await expect(lifecycle.start(STRANGER, BOT.id)).rejects.toBeInstanceOf(NotFoundException);

      expect(transactions.run).not.toHaveBeenCalled();
      expect(queue.added).toEqual([]);
    });

    it("lets an admin start another user's bot", async () => {
      const { lifecycle } = lifecycleWith(stateOf({ status: BotStatus.Stopped }));

      await expect(lifecycle.start(ADMIN, BOT.id)).resolves.toBe(BotStatus.Pending);
    });
  });

  describe('stop', () => {
    it('stops at once without closePosition: no price asked, no sale, its queued jobs dropped', async () => {
      const state = stateOf({ inPosition: true, positionQty: '0.5' });
      const { lifecycle, opened, states, orders, auditTrail, marketData, queue, published } =
        lifecycleWith(state);

      await expect(lifecycle.stop(OWNER, BOT.id, false)).resolves.toEqual({
        status: BotStatus.Stopped,
        awaitedOrder: undefined,
      });

      const [tx] = opened;
      expect(states.save).toHaveBeenCalledWith(
        tx,
        expect.objectContaining({
          status: BotStatus.Stopped,
          statusReason: 'stopped by request',
          stopRequestedAt: null,
          pendingOrderId: null,
        }),
      );
      expect(auditTrail.record).toHaveBeenCalledWith(tx, OWNER, {
        action: AuditAction.BotStopped,
        target: { type: AuditTargetType.Bot, id: BOT.id },
        details: { closePosition: false },
      });
      expect(marketData.closedCandles).not.toHaveBeenCalled();
      expect(orders.insert).not.toHaveBeenCalled();
      expect(queue.removedFor).toEqual([BOT.id]);
      expect(queue.added).toEqual([]);
      expect(published).toHaveBeenCalledWith([
        expect.objectContaining({ type: BotEventType.BotStopped, data: { closePosition: false } }),
      ]);
    });

    it('with closePosition on a flat bot, sells nothing and neither announces nor logs a sale', async () => {
      const { lifecycle, orders, queue, published } = lifecycleWith(stateOf({}));

      await lifecycle.stop(OWNER, BOT.id, true);

      expect(orders.insert).not.toHaveBeenCalled();
      expect(queue.added).toEqual([]);
      const [[events]] = published.mock.calls;
      expect(events).toEqual([
        expect.objectContaining({ type: BotEventType.BotStopped, data: { closePosition: false } }),
      ]);
      expect(describeEvent(events[0]).message).toBe('bot eth (ETHUSDT, paper) stopped');
    });

    it('with closePosition and a position, saves the manual sale in the same transaction and queues its send', async () => {
      const state = stateOf({ inPosition: true, positionQty: '0.5004' });
      const { lifecycle, opened, states, orders, auditTrail, queue, published } =
        lifecycleWith(state);

      await expect(lifecycle.stop(OWNER, BOT.id, true)).resolves.toEqual({
        status: BotStatus.Stopped,
        awaitedOrder: undefined,
      });

      const [tx] = opened;
      expect(orders.insert).toHaveBeenCalledWith(
        tx,
        expect.objectContaining({
          botId: BOT.id,
          symbol: BOT.symbol,
          side: OrderSide.Sell,
          reason: ExitReason.Manual,
          status: OrderStatus.Sending,
          // Floored to the symbol's step size; priced at the last closed candle.
          requestedQty: '0.5',
          refPrice: '101.5',
        }),
      );
      expect(states.save).toHaveBeenCalledWith(
        tx,
        expect.objectContaining({
          status: BotStatus.Stopped,
          pendingOrderId: 'order-new',
          lastDecision: SELLING_ON_STOP,
        }),
      );
      expect(auditTrail.record).toHaveBeenCalledWith(tx, OWNER, {
        action: AuditAction.BotStopped,
        target: { type: AuditTargetType.Bot, id: BOT.id },
        details: { closePosition: true, orderId: 'order-new' },
      });
      expect(queue.added).toEqual([
        {
          name: JobName.ExecuteOrder,
          data: { botId: BOT.id, orderId: 'order-new' },
          id: 'execute-order:order-new',
        },
      ]);
      const [[events]] = published.mock.calls;
      expect(describeEvent(events[0]).message).toMatch(/stopped, selling its position$/);
    });

    it('with closePosition while an order is unresolved, records the request and waits for the order', async () => {
      const state = stateOf({ inPosition: true, positionQty: '0.5', pendingOrderId: 'order-0' });
      const { lifecycle, opened, states, orders, auditTrail, queue, published } =
        lifecycleWith(state);
      orders.findSending.mockResolvedValue({ id: 'order-0', clientOrderId: 'client-0' } as Order);

      await expect(lifecycle.stop(OWNER, BOT.id, true)).resolves.toEqual({
        status: BotStatus.Running,
        awaitedOrder: { id: 'order-0', clientOrderId: 'client-0' },
      });

      const [tx] = opened;
      expect(orders.findSending).toHaveBeenCalledWith('order-0', tx);
      expect(states.save).toHaveBeenCalledWith(
        tx,
        expect.objectContaining({
          status: BotStatus.Running,
          stopRequestedAt: new Date(NOW),
          statusReason: 'stopping once order client-0 settles, then selling the position',
        }),
      );
      expect(auditTrail.record).toHaveBeenCalledWith(tx, OWNER, {
        action: AuditAction.BotStopped,
        target: { type: AuditTargetType.Bot, id: BOT.id },
        details: { closePosition: true, awaitedOrderId: 'order-0' },
      });
      expect(orders.insert).not.toHaveBeenCalled();
      expect(queue.removedFor).toEqual([]);
      expect(queue.added).toEqual([]);
      expect(published).not.toHaveBeenCalled();
    });

    it("answers another user's bot with 404 and changes nothing", async () => {
      const { lifecycle, transactions, queue } = lifecycleWith(stateOf({}));

      await expect(lifecycle.stop(STRANGER, BOT.id, true)).rejects.toBeInstanceOf(
        NotFoundException,
      );

      expect(transactions.run).not.toHaveBeenCalled();
      expect(queue.removedFor).toEqual([]);
    });
  });
});
