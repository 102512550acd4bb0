import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Decimal from 'decimal.js';
import { BotState } from '../../src/database/entities/bot-state.entity';
import { Trade } from '../../src/database/entities/trade.entity';
import {
  type CandleRow,
  candleColumns,
  fromCandleRow,
  lastClosedSlot,
} from '../../src/kernel/candle';
import { CANDLE_WINDOW } from '../../src/exchange/market-data/market-data.service';
import { evaluateCandles } from '../../src/strategies/strategy-evaluation';
import { StrategyRegistryService } from '../../src/strategies/strategy-registry.service';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { testOptions } from '../fake-binance/test-universe';
import { startWaveBot, wave } from '../factories/wave-bot';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';
import { waitFor } from '../utils/wait-for';
import {
  accountsOf,
  insertLiveBot,
  LIVE_ENV,
  liveAccount,
  MINUTE,
  SYMBOL,
  views,
} from './live-harness';

// Jest runs from the project root (ESM tests have no __dirname).
const EXAMPLE = join(process.cwd(), 'examples', 'strategies', 'breakout.mjs');
const START = Date.UTC(2026, 0, 1);
/** The example's rules with a short channel, so that a 1 s wave trades within seconds. */
const QUICK = { n: 2, volumeFactor: 0 };
const NO_EXITS = {
  positionSizeQuote: '1000',
  stopLossPct: null,
  takeProfitPct: null,
  trailingStopPct: null,
  maxDailyTrades: null,
  dailyLossLimitQuote: null,
  dailyProfitTargetQuote: null,
};

/** Candles of a slow wave with a volume spike every seventh: the breakout's inputs vary. */
function rows(count: number): (number | string)[][] {
  return Array.from({ length: count }, (_, i) => {
    const open = 100 + 10 * Math.sin(i / 6);
    const close = 100 + 10 * Math.sin((i + 1) / 6);
    const high = Math.max(open, close) + 0.5;
    const low = Math.min(open, close) - 0.5;
    const volume = i % 7 === 0 ? 30 : 10 + (i % 3);
    const fixed = (value: number) => value.toFixed(2);
    return [
      START + i * MINUTE,
      fixed(open),
      fixed(high),
      fixed(low),
      fixed(close),
      volume,
      START + (i + 1) * MINUTE - 1,
    ];
  });
}

/** The example's rule written out again, candle by candle, and the fills it implies. */
function expectedTrades(candles: (number | string)[][], n: number, volumeFactor: number) {
  const trades: { time: number; side: string; price: string }[] = [];
  let holding = false;
  for (let t = n; t < candles.length; t++) {
    const window = candles.slice(t - n, t);
    const high = Math.max(...window.map((c) => Number(c[2])));
    const low = Math.min(...window.map((c) => Number(c[3])));
    const volume = window.reduce((sum, c) => sum + Number(c[5]), 0) / n;
    const close = Number(candles[t][4]);
    const buy = close > high && Number(candles[t][5]) > volumeFactor * volume;
    const sell = close < low;
    const time = Number(candles[t][6]);
    if (!holding && buy && t >= n) {
      trades.push({ time, side: 'BUY', price: String(close) });
      holding = true;
    } else if (holding && sell) {
      trades.push({ time, side: 'SELL', price: String(close) });
      holding = false;
    }
  }
  return trades;
}

describe('strategy files in STRATEGIES_DIR', () => {
  const account = liveAccount();
  let exchange: FakeBinanceServer;
  let testApp: TestApp;
  let user: { id: string; token: string };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradebot-strategies-'));
    copyFileSync(EXAMPLE, join(dir, 'breakout.mjs'));
    writeFileSync(
      join(dir, 'stall.mjs'),
      "export default { key: 'stall', description: 'never answers', create: () => ({ update() { for (;;) {} } }) };\n",
    );
    exchange = new FakeBinanceServer(testOptions({ accounts: accountsOf(account) }));
    exchange.setPricePath(SYMBOL, wave, { interval: '1s' });
    exchange.setPricePath('ETHUSDT', wave, { interval: '1m', startTime: 0 });
    testApp = await createTestApp({
      ...LIVE_ENV,
      BINANCE_BASE_URL: await exchange.start(),
      CRON_ENABLED: 'true',
      STRATEGIES_DIR: dir,
      STRATEGY_TIME_BUDGET_MS: '200',
    });
    user = await createUser(testApp.http, await adminLogin(testApp.http));
  });

  afterAll(async () => {
    await testApp.close();
    await exchange.stop();
  });

  const post = (body: object) =>
    testApp.http.post('/api/backtests').set('Authorization', `Bearer ${user.token}`).send(body);

  it('lists each file with its source and params schema', async () => {
    const { body } = await testApp.http
      .get('/api/strategies')
      .set('Authorization', `Bearer ${user.token}`)
      .expect(200);
    const breakout = body.find((s: { key: string }) => s.key === 'breakout');
    expect(breakout).toMatchObject({
      defaults: { n: 20, volumeFactor: 1.5, exitOnMiddle: false },
      paramsSchema: {
        properties: { exitOnMiddle: { type: 'boolean', default: false } },
        additionalProperties: false,
      },
    });
    expect(breakout.source).toMatch(/breakout\.mjs$/);
    expect(body.find((s: { key: string }) => s.key === 'ema-rsi').source).toBe('built-in');
  });

  it('backtests to exactly the trades its rules imply, and refuses bad params by name', async () => {
    const candles = rows(400);
    const params = { n: 5, volumeFactor: 1.2 };
    const { body } = await post({
      strategy: 'breakout',
      strategyParams: params,
      risk: NO_EXITS,
      paper: { feeRate: '0.001', slippageBps: '0' },
      candles,
    }).expect(200);
    const expected = expectedTrades(candles, params.n, params.volumeFactor);
    expect(expected.length).toBeGreaterThan(6);
    expect(
      body.trades.map((t: { time: number; side: string; price: string }) => ({
        time: t.time,
        side: t.side,
        price: new Decimal(t.price).toString(),
      })),
    ).toEqual(expected.map((t) => ({ ...t, price: new Decimal(t.price).toString() })));

    const refused = await post({
      strategy: 'breakout',
      strategyParams: { n: 1, exitOnMiddle: 1 },
      risk: NO_EXITS,
      candles,
    }).expect(400);
    expect(refused.body.errors).toEqual([
      { field: 'strategyParams.n', reason: 'must be at least 2' },
      { field: 'strategyParams.exitOnMiddle', reason: 'must be true or false' },
    ]);
  });

  it('a 1 s paper bot trades with it, while a bot whose strategy never returns fails its ticks alone', async () => {
    const stalled = await startWaveBot(testApp, user, { strategy: 'stall', strategyParams: {} });
    const bot = await startWaveBot(testApp, user, { strategy: 'breakout', strategyParams: QUICK });
    const trades = testApp.dataSource.getRepository(Trade);
    await waitFor(
      async () => (await trades.countBy({ botId: bot.id })) >= 2 || undefined,
      'a buy and a sell',
    );
    const states = testApp.dataSource.getRepository(BotState);
    const state = await states.findOneByOrFail({ id: bot.id });
    expect(state.lastError).toBeNull();
    expect(Object.keys((state.lastSignal as { indicators: object }).indicators).sort()).toEqual([
      'exitLevel',
      'high',
      'low',
    ]);
    const stalledState = await waitFor(async () => {
      const found = await states.findOneByOrFail({ id: stalled.id });
      return found.lastError ? found : undefined;
    }, 'the stalled bot to show its error');
    expect(stalledState.lastError).toContain('strategy stall: ran past its time budget of 200 ms');

    const stalledBacktest = await post({
      strategy: 'stall',
      risk: NO_EXITS,
      candles: rows(50),
    }).expect(400);
    expect(stalledBacktest.body.errors).toEqual([
      {
        field: 'strategy',
        reason: expect.stringContaining('strategy stall: ran past its time budget'),
      },
    ]);
  });

  it('a live bot on the exchange trades with it', async () => {
    // ETHUSDT 1m: no other bot of this spec ticks there, and the cron ticks it once a minute.
    const bot = await insertLiveBot(testApp, account, {
      strategy: 'breakout',
      strategyParams: QUICK,
      symbol: 'ETHUSDT',
    });
    const breakout = testApp.app.get(StrategyRegistryService).get('breakout')!;
    const params = { ...breakout.defaults, ...QUICK };
    let slot = lastClosedSlot('1m', exchange.now());
    for (const oldest = slot - 100 * MINUTE; slot > oldest; slot -= MINUTE) {
      const url = `${exchange.baseURL}/api/v3/klines?symbol=ETHUSDT&interval=1m&endTime=${slot - 1}&limit=${CANDLE_WINDOW}`;
      const rows = (await (await fetch(url)).json()) as CandleRow[];
      const candles = rows.map((row) => fromCandleRow(row.slice(0, 7) as CandleRow));
      if (evaluateCandles(breakout, params, candleColumns(candles)).action === 'buy') break;
    }
    const view = views(testApp, exchange);
    expect(slot).toBeGreaterThan(lastClosedSlot('1m', exchange.now()) - 100 * MINUTE);
    expect(await view.runner.tick(bot.id, slot)).toBe('ordered');
    const [trade] = await view.trades(bot);
    expect([trade.side, trade.mode, trade.reason]).toEqual(['BUY', 'live', 'signal']);
    expect(exchange.orders(account.apiKey)[0]).toMatchObject({ side: 'BUY', status: 'FILLED' });
  });
});
