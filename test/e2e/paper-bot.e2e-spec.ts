import Decimal from 'decimal.js';
import { BotStatus } from '../../src/kernel/bot.enums';
import { DailyResetService } from '../../src/bots/engine/daily-reset.service';
import { BotState } from '../../src/database/entities/bot-state.entity';
import { Order } from '../../src/database/entities/order.entity';
import { Trade } from '../../src/database/entities/trade.entity';
import { utcDay } from '../../src/risk/daily-limits';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { testOptions } from '../fake-binance/test-universe';
import { insertPaperBot } from '../factories/bot.factory';
import { FAST_EMA_RSI, wave } from '../factories/wave-bot';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';
import { waitFor } from '../utils/wait-for';

describe('a paper bot on 1s candles against the fake Binance market data', () => {
  let exchange: FakeBinanceServer;
  let testApp: TestApp;

  beforeAll(async () => {
    exchange = new FakeBinanceServer(testOptions());
    exchange.setPricePath('BTCUSDT', wave, { interval: '1s' });
    const baseUrl = await exchange.start();
    // Cron on: ticks come from the candle-close scheduler, as in production.
    testApp = await createTestApp({ BINANCE_BASE_URL: baseUrl, CRON_ENABLED: 'true' });
  });

  afterAll(async () => {
    await testApp.close();
    await exchange.stop();
  });

  it('trades by the rules, pauses at its daily limit, resumes at the reset, and stops', async () => {
    const { http, dataSource } = testApp;
    const user = await createUser(http, await adminLogin(http));
    const auth = { Authorization: `Bearer ${user.token}` };
    const bot = await insertPaperBot(dataSource, {
      userId: user.id,
      symbol: 'BTCUSDT',
      interval: '1s',
      strategyParams: FAST_EMA_RSI,
      positionSizeQuote: '1000',
      maxDailyTrades: 1,
    });
    const state = () => dataSource.getRepository(BotState).findOneByOrFail({ id: bot.id });
    const trades = () =>
      dataSource.getRepository(Trade).find({ where: { botId: bot.id }, order: { time: 'ASC' } });

    await http.post(`/api/bots/${bot.id}/start`).set(auth).expect(202);

    // The first entry uses up maxDailyTrades: the bot pauses, but exits still happen.
    await waitFor(async () => ((await trades()).length >= 1 ? true : undefined), 'a buy');
    const paused = await waitFor(async () => {
      const current = await state();
      return current.status === BotStatus.Paused ? current : undefined;
    }, 'the pause');
    expect(paused.statusReason).toMatch(/maxDailyTrades reached/);
    const roundTrip = await waitFor(async () => {
      const all = await trades();
      return all.length >= 2 ? all : undefined;
    }, 'the sell');
    expect(roundTrip.map((trade) => trade.side).slice(0, 2)).toEqual(['BUY', 'SELL']);
    await new Promise((resolve) => setTimeout(resolve, 7000));
    expect((await trades()).filter((trade) => trade.side === 'BUY')).toHaveLength(1);

    // Every fill is the fake's closed candle close with 5 bps slippage and a 0.1% fee.
    const [buy, sell] = roundTrip;
    for (const trade of [buy, sell]) {
      const order = await dataSource.getRepository(Order).findOneByOrFail({ id: trade.orderId! });
      const close = await closeAt(exchange.baseURL, Number(order.slot));
      expect(order.refPrice).toBe(close);
      const slip = trade.side === 'BUY' ? '1.0005' : '0.9995';
      expect(trade.price).toBe(new Decimal(close).mul(slip).toFixed());
      expect(trade.quoteQty).toBe(new Decimal(trade.qty).mul(trade.price).toFixed());
      expect(trade.fee).toBe(new Decimal(trade.quoteQty).mul('0.001').toFixed());
      expect(trade.mode).toBe('paper');
    }
    const pnl = new Decimal(sell.quoteQty)
      .minus(sell.fee)
      .minus(new Decimal(buy.quoteQty).plus(buy.fee));
    expect(sell.pnl).toBe(pnl.toFixed());
    expect(sell.reason).toBe('signal');
    const afterRoundTrip = await state();
    expect(afterRoundTrip).toMatchObject({
      inPosition: false,
      dailyTrades: 1,
      statusReason: expect.any(String),
    });
    expect(afterRoundTrip.quoteBalance).toBe(new Decimal('10000').plus(pnl).toFixed());
    expect(afterRoundTrip.baseBalance).toBe('0');
    const shown = await http.get(`/api/bots/${bot.id}/state`).set(auth).expect(200);
    expect(shown.body.realizedPnl).toBe(pnl.toFixed());

    // 00:00 UTC: counters zeroed, the pause lifted, and the bot buys again.
    await dataSource.getRepository(BotState).update({ id: bot.id }, { dailyDate: '2020-01-01' });
    await testApp.app.get(DailyResetService).reset(utcDay(Date.now()));
    expect((await state()).status).toBe(BotStatus.Running);
    await waitFor(async () => {
      const buys = (await trades()).filter((trade) => trade.side === 'BUY');
      return buys.length >= 2 ? true : undefined;
    }, 'a buy after the reset');

    await http.post(`/api/bots/${bot.id}/stop`).set(auth).send({ closePosition: true }).expect(202);
    const stopped = await waitFor(async () => {
      const current = await state();
      return current.status === BotStatus.Stopped && !current.inPosition ? current : undefined;
    }, 'the stop');
    const count = (await trades()).length;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await trades()).toHaveLength(count);
    expect((await state()).lastSlot).toBe(stopped.lastSlot);
  }, 120_000);
});

/** The close of the 1s candle that closed at `slot`, as the fake serves it. */
async function closeAt(baseUrl: string, slot: number): Promise<string> {
  const response = await fetch(
    `${baseUrl}/api/v3/klines?symbol=BTCUSDT&interval=1s&startTime=${slot - 1000}&limit=1`,
  );
  const [[, , , , close]] = (await response.json()) as string[][];
  return new Decimal(close).toFixed();
}
