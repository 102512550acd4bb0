import { evaluateCandles } from '../../src/strategies/strategy-evaluation';
import { candlesOfCloses } from '../../src/strategies/testing/candles-of-closes';
import { BotStatus, OrderStatus } from '../../src/kernel/bot.enums';
import { BotRunnerService } from '../../src/bots/engine/bot-runner.service';
import { DailyResetService } from '../../src/bots/engine/daily-reset.service';
import { ExchangeRouter } from '../../src/bots/engine/exchange-router.service';
import { TickSchedulerService } from '../../src/bots/engine/tick-scheduler.service';
import type { BotConfig } from '../../src/database/entities/bot-config.entity';
import { BotState } from '../../src/database/entities/bot-state.entity';
import { Order } from '../../src/database/entities/order.entity';
import { Trade } from '../../src/database/entities/trade.entity';
import { lastClosedSlot } from '../../src/kernel/candle';
import type { ExchangeClient } from '../../src/exchange/exchange-client.interface';
import {
  CANDLE_WINDOW,
  MarketDataService,
} from '../../src/exchange/market-data/market-data.service';
import { simulatedCandles } from '../../src/exchange/market-data/simulated-feed';
import { JobQueue, type QueuedJob } from '../../src/queue/job-queue';
import { JobName, jobId } from '../../src/queue/queue.constants';
import { utcDay } from '../../src/risk/daily-limits';
import { EmaRsiStrategy } from '../../src/strategies/ema-rsi/ema-rsi.strategy';
import { insertPaperBot } from '../factories/bot.factory';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';
import { waitFor } from '../utils/wait-for';

// Nothing listens on port 1: paper bots tick on the deterministic simulated feed, so a
// test can choose slots where the rules page says buy or sell.
const OFFLINE = { BINANCE_BASE_URL: 'http://127.0.0.1:1', ORDER_GRACE_MS: '1000' };
const PARAMS = { emaFast: 3, emaSlow: 6, rsiPeriod: 4, rsiOverbought: 95, rsiOversold: 5 };
const SYMBOL = 'ETHUSDT';
const MINUTE = 60_000;
/** An open position of a paper bot (how it was opened is another test's business). */
const HOLDING = {
  inPosition: true,
  positionQty: '0.5',
  entryPrice: '100',
  entryCostQuote: '50.05',
  trailingHigh: '100',
  quoteBalance: '9949.95',
  baseBalance: '0.5',
};

/** The latest 1m slot before `before` at which ema-rsi with PARAMS signals `action`. */
function slotWith(action: 'buy' | 'sell', before: number): number {
  const strategy = new EmaRsiStrategy();
  for (let slot = lastClosedSlot('1m', before) - MINUTE; ; slot -= MINUTE) {
    const candles = simulatedCandles(SYMBOL, '1m', slot, CANDLE_WINDOW);
    const closes = candles.map((candle) => Number(candle.close));
    if (evaluateCandles(strategy, PARAMS, candlesOfCloses(closes)).action === action) return slot;
  }
}

describe('the execution engine (real PostgreSQL, Redis and Bull)', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    // Two apps on one queue and database: two workers competing for the same jobs.
    first = await createTestApp(OFFLINE);
    second = await createTestApp(OFFLINE);
  });

  afterAll(async () => {
    await first.close();
    await second.close();
  });

  const paperBot = (status = BotStatus.Running, userId?: string) =>
    insertPaperBot(
      first.dataSource,
      { symbol: SYMBOL, strategyParams: PARAMS, ...(userId ? { userId } : {}) },
      { status },
    );
  const stateOf = (botId: string) =>
    first.dataSource.getRepository(BotState).findOneByOrFail({ id: botId });
  const tradesOf = (botId: string) =>
    first.dataSource.getRepository(Trade).find({ where: { botId }, order: { time: 'ASC' } });

  it('gives duplicate enqueues and two workers racing for one slot exactly one tick', async () => {
    const bot = await paperBot();
    const slot = slotWith('buy', Date.now());
    const job = {
      name: JobName.Tick,
      data: { botId: bot.id, slot },
      id: jobId.tick({ botId: bot.id, slot }),
    };
    const outcomes = await Promise.all([
      ...Array.from({ length: 5 }, () => first.app.get(JobQueue).add([job])),
      ...Array.from({ length: 5 }, () => second.app.get(JobQueue).add([job])),
      first.app.get(BotRunnerService).tick(bot.id, slot),
      second.app.get(BotRunnerService).tick(bot.id, slot),
    ]);
    // Bull's workers may win the race: a direct call then finds the row locked, the slot
    // done, or the winner's order still being sent (its claim held). Neither may tick a
    // second time, whoever wins.
    for (const outcome of outcomes.slice(10)) {
      expect(['ordered', 'skipped_locked', 'skipped_duplicate', 'order_in_flight']).toContain(
        outcome,
      );
    }
    await waitFor(async () => {
      const pending =
        (await first.app.get(JobQueue).pendingCount()) +
        (await second.app.get(JobQueue).pendingCount());
      return pending === 0 ? true : undefined;
    }, 'the queue to drain');

    const trades = await tradesOf(bot.id);
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({ side: 'BUY', reason: 'signal', mode: 'paper' });
    expect(await first.dataSource.getRepository(Order).countBy({ botId: bot.id })).toBe(1);
    const state = await stateOf(bot.id);
    expect(state).toMatchObject({ lastSlot: String(slot), inPosition: true, pendingOrderId: null });
    expect(state.statusReason).toBe('simulated market data: Binance unreachable');
  });

  it.each(['the bots query', 'the enqueue'] as const)(
    "enqueues a candle's ticks in the next second when %s failed at its close",
    async (failing) => {
      const bot = await paperBot();
      const scheduler = first.app.get(TickSchedulerService);
      const queue = first.app.get(JobQueue);
      const enqueued: QueuedJob[] = [];
      let outage = false;
      // Recorded, never queued: no worker is to tick these past slots.
      Object.assign(queue, {
        add: async (jobs: QueuedJob[]) => {
          if (outage) {
            outage = false;
            throw new Error('a brief outage');
          }
          enqueued.push(...jobs);
        },
      });
      const close = lastClosedSlot('1m', Date.now()) - 10 * MINUTE;
      try {
        await scheduler.enqueueDue(close - MINUTE / 2);
        if (failing === 'the enqueue') outage = true;
        else failNextCall(first.dataSource, 'getRepository');
        await expect(scheduler.enqueueDue(close + 250)).rejects.toThrow('a brief outage');
        await scheduler.enqueueDue(close + 1250);
      } finally {
        Reflect.deleteProperty(queue, 'add');
      }
      // The bot's tick group for that candle, once.
      const data = { symbol: bot.symbol, interval: bot.interval, slot: close };
      const id = jobId.tickGroup(data);
      expect(enqueued.filter((job) => job.id === id)).toEqual([
        { name: JobName.TickGroup, data, id },
      ]);
    },
  );

  it('skips a tick whose bot is locked by another worker, and counts it', async () => {
    const bot = await paperBot();
    const slot = slotWith('buy', Date.now());
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = second.dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1 FROM bot_state WHERE id = $1 FOR UPDATE', [bot.id]);
      locked();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await isLocked;
    const outcome = first.app.get(BotRunnerService).tick(bot.id, slot);
    // The skip is counted after the holder commits: the counter row is the locked row.
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await holder;
    expect(await outcome).toBe('skipped_locked');
    expect(await tradesOf(bot.id)).toHaveLength(0);
    expect(await stateOf(bot.id)).toMatchObject({ ticksSkipped: 1, lastSlot: null });
  });

  it('reconciles an exit left by a worker that died before the fill into one trade', async () => {
    const crashing = await createTestApp(OFFLINE, {
      override: (builder) =>
        builder.overrideProvider(ExchangeRouter).useFactory({
          factory: (marketData: MarketDataService) =>
            crashOnFirstSend(new ExchangeRouter(marketData)),
          inject: [MarketDataService],
        }),
    });
    try {
      const bot = await paperBot();
      await first.dataSource.getRepository(BotState).update({ id: bot.id }, HOLDING);
      const sellSlot = slotWith('sell', Date.now());
      await expect(crashing.app.get(BotRunnerService).tick(bot.id, sellSlot)).rejects.toThrow(
        'worker died',
      );
      const intent = await first.dataSource.getRepository(Order).findOneByOrFail({ botId: bot.id });
      expect(intent).toMatchObject({ status: OrderStatus.Sending, side: 'SELL' });
      expect((await stateOf(bot.id)).pendingOrderId).toBe(intent.id);
      expect(await tradesOf(bot.id)).toHaveLength(0);

      // Within the grace period the first send may still be in flight: nothing is resent.
      const runner = first.app.get(BotRunnerService);
      expect(await runner.tick(bot.id, sellSlot + MINUTE)).toBe('order_in_flight');
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await runner.tick(bot.id, sellSlot + MINUTE);

      // The intent became exactly one trade (the same tick may then trade anew on its slot);
      // an exit is filled however late, as the position it sells is still held.
      const trades = await tradesOf(bot.id);
      expect(trades.filter((trade) => trade.orderId === intent.id)).toHaveLength(1);
      expect(trades.filter((trade) => trade.side === 'SELL')).toHaveLength(1);
      expect(trades[0]).toMatchObject({ side: 'SELL', orderId: intent.id });
      const resolved = await first.dataSource
        .getRepository(Order)
        .findOneByOrFail({ id: intent.id });
      expect(resolved).toMatchObject({
        status: OrderStatus.Filled,
        clientOrderId: intent.clientOrderId,
      });
      expect((await stateOf(bot.id)).pendingOrderId).toBeNull();
    } finally {
      await crashing.close();
    }
  });

  it('starts over HTTP, ticks, and on stop with closePosition sells (manual) and never ticks again', async () => {
    const adminToken = await adminLogin(first.http);
    const user = await createUser(first.http, adminToken);
    const bot = await paperBot(BotStatus.Stopped, user.id);
    const auth = { Authorization: `Bearer ${user.token}` };

    await first.http.post(`/api/bots/${bot.id}/start`).set(auth).expect(202, {
      id: bot.id,
      status: 'pending',
    });
    await first.http.post(`/api/bots/${bot.id}/start`).set(auth).expect(409);
    await waitFor(async () => {
      const state = await stateOf(bot.id);
      return state.status === BotStatus.Running ? state : undefined;
    }, 'the first tick');

    await first.dataSource.getRepository(BotState).update({ id: bot.id }, HOLDING);

    await first.http
      .post(`/api/bots/${bot.id}/stop`)
      .set(auth)
      .send({ closePosition: true })
      .expect(202, { id: bot.id, status: 'stopped' });
    const sell = await waitFor(async () => {
      const trades = await tradesOf(bot.id);
      return trades.find((trade) => trade.side === 'SELL');
    }, 'the manual sell');
    expect(sell.reason).toBe('manual');
    const state = await first.http.get(`/api/bots/${bot.id}/state`).set(auth).expect(200);
    expect(state.body).toMatchObject({
      status: 'stopped',
      position: null,
      orderInFlight: false,
      lastDecision: 'stopped: the position was sold (manual)',
    });
    await first.http.post(`/api/bots/${bot.id}/stop`).set(auth).expect(409);

    const before = (await tradesOf(bot.id)).length;
    const later = lastClosedSlot('1m', Date.now()) + 10 * MINUTE;
    expect(await first.app.get(BotRunnerService).tick(bot.id, later)).toBe('not_running');
    expect(await tradesOf(bot.id)).toHaveLength(before);
  });

  it("hides another user's bot from start and stop (404)", async () => {
    const adminToken = await adminLogin(first.http);
    const owner = await createUser(first.http, adminToken);
    const stranger = await createUser(first.http, adminToken);
    const bot = await paperBot(BotStatus.Stopped, owner.id);
    const auth = { Authorization: `Bearer ${stranger.token}` };
    await first.http.post(`/api/bots/${bot.id}/start`).set(auth).expect(404);
    await first.http.post(`/api/bots/${bot.id}/stop`).set(auth).send({}).expect(404);
    const bad = await first.http.post('/api/bots/not-a-uuid/start').set(auth).expect(400);
    expect(bad.body.errors).toEqual([{ field: 'id', reason: 'must be a UUID' }]);
  });

  it('resets daily counters at the UTC day and resumes bots a daily limit paused, once', async () => {
    const today = utcDay(Date.now());
    const paused = await paperBot(BotStatus.Paused);
    await first.dataSource.getRepository(BotState).update(
      { id: paused.id },
      {
        dailyDate: '2020-01-01',
        dailyTrades: 3,
        dailyRealizedPnl: '-50',
        statusReason: 'dailyLossLimitQuote reached',
      },
    );
    const reset = first.app.get(DailyResetService);
    const [a, b] = await Promise.all([
      reset.reset(today),
      second.app.get(DailyResetService).reset(today),
    ]);
    expect([...a, ...b].filter((id) => id === paused.id)).toHaveLength(1);
    expect(await stateOf(paused.id)).toMatchObject({
      status: 'running',
      statusReason: null,
      dailyTrades: 0,
      dailyRealizedPnl: '0',
      dailyDate: today,
    });
    expect(await reset.reset(today)).not.toContain(paused.id);
  });
});

/** The instance's next call of `method` throws, as in a brief outage; later calls go through. */
function failNextCall(target: object, method: string): void {
  Object.defineProperty(target, method, {
    configurable: true,
    value: () => {
      Reflect.deleteProperty(target, method);
      throw new Error('a brief outage');
    },
  });
}

/** The exchange port of a worker that dies right after committing its first intent. */
function crashOnFirstSend(real: ExchangeRouter): ExchangeRouter {
  let crashed = false;
  return {
    forBot: async (bot: BotConfig): Promise<ExchangeClient> => {
      const exchange = await real.forBot(bot);
      return {
        symbolInfo: (symbol) => exchange.symbolInfo(symbol),
        findOrder: (symbol, id) => exchange.findOrder(symbol, id),
        placeMarketOrder: async (order) => {
          if (!crashed) {
            crashed = true;
            throw new Error('worker died between the intent and the fill');
          }
          return exchange.placeMarketOrder(order);
        },
      };
    },
  } as ExchangeRouter;
}
