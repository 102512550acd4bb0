import { type BotEvent, BotEventPublisher, BotEventType } from '../../src/kernel/bot-event';
import { BotStatus, OrderSide } from '../../src/kernel/bot.enums';
import { BotState } from '../../src/database/entities/bot-state.entity';
import { Order } from '../../src/database/entities/order.entity';
import { Trade } from '../../src/database/entities/trade.entity';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { testOptions } from '../fake-binance/test-universe';
import { DailyResetService } from '../../src/bots/engine/daily-reset.service';
import { utcDay } from '../../src/risk/daily-limits';
import { walkRows } from '../factories/candle-rows';
import { insertPaperBot } from '../factories/bot.factory';
import { FAST_EMA_RSI } from '../factories/wave-bot';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';
import { waitFor } from '../utils/wait-for';

/** A 4-second sine around 50,000: FAST_EMA_RSI says buy every few seconds. */
const fastWave = (step: number) => 50_000 * (1 + 0.01 * Math.sin((2 * Math.PI * step) / 4));

const COOLDOWN = 4;

/** What the engine would notify, kept for the spec to read. */
class RecordingPublisher extends BotEventPublisher {
  readonly events: BotEvent[] = [];

  publish(events: BotEvent[]): Promise<void> {
    this.events.push(...events);
    return Promise.resolve();
  }
}

describe('protections in ticks', () => {
  let exchange: FakeBinanceServer;
  let testApp: TestApp;
  let auth: { Authorization: string };
  const recorder = new RecordingPublisher();

  beforeAll(async () => {
    exchange = new FakeBinanceServer(testOptions());
    exchange.setPricePath('BTCUSDT', fastWave, { interval: '1s' });
    testApp = await createTestApp(
      { BINANCE_BASE_URL: await exchange.start(), CRON_ENABLED: 'true' },
      { override: (builder) => builder.overrideProvider(BotEventPublisher).useValue(recorder) },
    );
    const user = await createUser(testApp.http, await adminLogin(testApp.http));
    auth = { Authorization: `Bearer ${user.token}` };
  });

  afterAll(async () => {
    await testApp.close();
    await exchange.stop();
  });

  const createBot = (risk: object) =>
    testApp.http
      .post('/api/bots')
      .set(auth)
      .send({
        name: 'protected',
        symbol: 'BTCUSDT',
        interval: '1s',
        mode: 'paper',
        strategy: 'ema-rsi',
        strategyParams: FAST_EMA_RSI,
        risk: { positionSizeQuote: '1000', ...risk },
      });

  it('takes protection params, and refuses bad ones with a 400 naming the field', async () => {
    for (const [risk, field] of [
      [{ cooldownCandles: 0 }, 'risk.cooldownCandles'],
      [{ stopLossGuard: { count: 2, windowCandles: 10 } }, 'risk.stopLossGuard.pauseCandles'],
      [{ stopLossGuard: 3 }, 'risk.stopLossGuard'],
      [{ maxDrawdownPct: '150' }, 'risk.maxDrawdownPct'],
      [{ resumeAfterCandles: 1.5 }, 'risk.resumeAfterCandles'],
    ] as const) {
      const response = await createBot(risk).expect(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
    }
    // PATCH sets and clears them; null turns one off.
    const guard = { count: 2, windowCandles: 10, pauseCandles: 5 };
    const bot = (await createBot({ stopLossGuard: guard, cooldownCandles: 3 }).expect(201)).body;
    const patched = await testApp.http
      .patch(`/api/bots/${bot.id}`)
      .set(auth)
      .send({ risk: { stopLossGuard: null, maxDrawdownPct: 12.5, resumeAfterCandles: 60 } })
      .expect(200);
    expect(patched.body.risk).toMatchObject({
      cooldownCandles: 3,
      stopLossGuard: null,
      maxDrawdownPct: '12.5',
      resumeAfterCandles: 60,
    });
  });

  it('makes no entry within cooldownCandles of a stop-loss exit, and shows the pause until when', async () => {
    const { http, dataSource } = testApp;
    const created = await createBot({
      stopLossPct: '1.5',
      cooldownCandles: COOLDOWN,
      stopLossGuard: { count: 3, windowCandles: 100, pauseCandles: 50 },
    }).expect(201);
    const botId = created.body.id as string;
    expect(created.body.risk).toMatchObject({
      cooldownCandles: COOLDOWN,
      stopLossGuard: { count: 3, windowCandles: 100, pauseCandles: 50 },
      maxDrawdownPct: null,
    });
    // Holding 0.02 BTC bought at 60,000: the market near 50,000 (±1 %) stops it out at the first
    // tick, and never stops out an entry made on the wave.
    await dataSource.getRepository(BotState).update(
      { id: botId },
      {
        inPosition: true,
        positionQty: '0.02',
        entryPrice: '60000',
        entryCostQuote: '1201.2',
        trailingHigh: '60000',
        quoteBalance: '8798.8',
        baseBalance: '0.02',
      },
    );
    const trades = () =>
      dataSource.getRepository(Trade).find({ where: { botId }, order: { time: 'ASC' } });
    const slotOf = async (trade: Trade) =>
      Number((await dataSource.getRepository(Order).findOneByOrFail({ id: trade.orderId! })).slot);
    await http.post(`/api/bots/${botId}/start`).set(auth).expect(202);

    const [stop] = await waitFor(async () => {
      const all = await trades();
      return all.length > 0 ? all : undefined;
    }, 'the stop-loss exit');
    expect(stop).toMatchObject({ side: OrderSide.Sell, reason: 'stop_loss' });
    const until = new Date((await slotOf(stop)) + (COOLDOWN + 1) * 1000).toISOString();

    const shown = await waitFor(async () => {
      const state = (await http.get(`/api/bots/${botId}/state`).set(auth).expect(200)).body;
      return state.lastDecision?.startsWith('buy signal skipped: cooldownCandles')
        ? state
        : undefined;
    }, 'a buy signal skipped by the cooldown');
    expect(shown).toMatchObject({
      status: BotStatus.Paused,
      statusReason: `cooldownCandles: ${COOLDOWN} candle(s) after a stop loss, until ${until}`,
      protection: {
        kind: 'cooldown',
        reason: `cooldownCandles: ${COOLDOWN} candle(s) after a stop loss`,
        until,
      },
    });

    const eventsOf = (type: BotEventType) =>
      recorder.events.filter((event) => event.bot.id === botId && event.type === type);
    expect(eventsOf(BotEventType.BotPaused).map((event) => event.data)).toEqual([
      {
        limit: 'cooldown',
        reason: `cooldownCandles: ${COOLDOWN} candle(s) after a stop loss`,
        until,
      },
    ]);

    // The next entry comes once the cooldown is over, and the pause is gone from the state.
    const entry = await waitFor(async () => (await trades())[1], 'an entry after the cooldown');
    expect(entry.side).toBe(OrderSide.Buy);
    expect(await slotOf(entry)).toBeGreaterThanOrEqual(Date.parse(until));
    const after = (await http.get(`/api/bots/${botId}/state`).set(auth).expect(200)).body;
    expect(after).toMatchObject({ status: BotStatus.Running, protection: null });
    expect(eventsOf(BotEventType.BotResumed).map((event) => event.data)).toEqual([
      { reason: 'the cooldown pause ended' },
    ]);
    await http.post(`/api/bots/${botId}/stop`).set(auth).send({}).expect(202);
  }, 60_000);

  it('honours them in a backtest: no entry within cooldownCandles of a stop-loss exit', async () => {
    const cooldown = 30;
    const response = await testApp.http
      .post('/api/backtests')
      .set(auth)
      .send({
        strategy: 'ema-rsi',
        strategyParams: { emaFast: 3, emaSlow: 8, rsiPeriod: 5 },
        risk: { positionSizeQuote: '500', stopLossPct: '0.3', cooldownCandles: cooldown },
        candles: walkRows(Date.UTC(2026, 0, 1), 5_000),
      })
      .expect(200);
    const { trades, metrics } = response.body as {
      trades: { side: string; reason: string; time: number }[];
      metrics: { skippedByProtections: number };
    };
    const stops = trades.filter((trade) => trade.reason === 'stop_loss');
    const buys = trades.filter((trade) => trade.side === 'BUY');
    expect(stops.length).toBeGreaterThan(5);
    expect(metrics.skippedByProtections).toBeGreaterThan(0);
    for (const buy of buys) {
      const blocking = stops.find(
        (stop) => stop.time <= buy.time && buy.time < stop.time + (cooldown + 1) * 60_000,
      );
      expect(blocking).toBeUndefined();
    }
  });

  it('the 00:00 UTC reset resumes a bot a protection no longer pauses, and only that one', async () => {
    const { dataSource } = testApp;
    const paused = (until: number) =>
      insertPaperBot(
        dataSource,
        // Daily candles: no tick comes between the reset and the reads.
        { interval: '1d' },
        {
          status: BotStatus.Paused,
          statusReason: 'paused by a protection',
          dailyDate: '2020-01-01',
          protection: { kind: 'max_drawdown', reason: 'paused by a protection', until },
        },
      );
    const day = utcDay(Date.now());
    const midnight = Date.parse(`${day}T00:00:00Z`);
    const held = await paused(midnight + 3_600_000);
    const ended = await paused(midnight);
    const resumed = await testApp.app.get(DailyResetService).reset(day);
    expect(resumed).toContain(ended.id);
    expect(resumed).not.toContain(held.id);
    const states = dataSource.getRepository(BotState);
    expect(await states.findOneByOrFail({ id: held.id })).toMatchObject({
      status: BotStatus.Paused,
      statusReason: 'paused by a protection',
      dailyDate: day,
    });
    expect((await states.findOneByOrFail({ id: ended.id })).status).toBe(BotStatus.Running);
  });
});
