import { evaluateCandles } from '../../src/strategies/strategy-evaluation';
import { candlesOfCloses } from '../../src/strategies/testing/candles-of-closes';
import { BotStatus } from '../../src/kernel/bot.enums';
import { BotRunnerService } from '../../src/bots/engine/bot-runner.service';
import { BotState } from '../../src/database/entities/bot-state.entity';
import { Trade } from '../../src/database/entities/trade.entity';
import { lastClosedSlot } from '../../src/kernel/candle';
import { CANDLE_WINDOW } from '../../src/exchange/market-data/market-data.service';
import {
  simulatedCandles,
  simulatedSymbolInfo,
} from '../../src/exchange/market-data/simulated-feed';
import { money } from '../../src/risk/money';
import { EmaRsiStrategy } from '../../src/strategies/ema-rsi/ema-rsi.strategy';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { testOptions } from '../fake-binance/test-universe';
import { insertPaperBot } from '../factories/bot.factory';
import { accountsOf, insertLiveBot, type LiveAccount, liveAccount } from './live-harness';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';
import { type Interval } from '../../src/kernel/interval';

const MINUTE = 60_000;
const SIMULATED = 'simulated market data: Binance unreachable';
const PARAMS = { emaFast: 3, emaSlow: 6, rsiPeriod: 4, rsiOverbought: 95, rsiOversold: 5 };

/** The latest 1m slot before `before` at which ema-rsi buys on the simulated feed. */
function simulatedBuySlot(symbol: string, before: number): number {
  const strategy = new EmaRsiStrategy();
  for (let slot = lastClosedSlot('1m', before) - MINUTE; ; slot -= MINUTE) {
    const closes = simulatedCandles(symbol, '1m', slot, CANDLE_WINDOW).map((c) => Number(c.close));
    if (evaluateCandles(strategy, PARAMS, candlesOfCloses(closes)).action === 'buy') return slot;
  }
}

/** A fresh app on a fresh fake Binance: no outage or cached window from another test group. */
function appOnFakeBinance(account: LiveAccount) {
  const ctx = {} as { fake: FakeBinanceServer; testApp: TestApp; runner: BotRunnerService };

  beforeAll(async () => {
    ctx.fake = new FakeBinanceServer(testOptions({ accounts: accountsOf(account) }));
    // No case here waits on a timeout: the outages are answers (503, -1121). A busy CI
    // machine once took more than LIVE_ENV's 400 ms for a window of klines, an outage.
    ctx.testApp = await createTestApp({
      ORDER_GRACE_MS: '10000',
      BINANCE_TIMEOUT_MS: '5000',
      BINANCE_BASE_URL: await ctx.fake.start(),
    });
    ctx.runner = ctx.testApp.app.get(BotRunnerService);
  });

  afterAll(async () => {
    await ctx.testApp.close();
    await ctx.fake.stop();
  });

  return {
    ctx,
    stateOf: (botId: string) =>
      ctx.testApp.dataSource.getRepository(BotState).findOneByOrFail({ id: botId }),
    runningPaperBot: (symbol: string, interval: Interval = '1m') =>
      insertPaperBot(
        ctx.testApp.dataSource,
        { symbol, interval, strategyParams: PARAMS },
        { status: BotStatus.Running },
      ),
  };
}

describe("market data: what a symbol lacks is its bot's error, not every paper bot's", () => {
  const { ctx, stateOf, runningPaperBot } = appOnFakeBinance(liveAccount());

  /** The close of the candle before `slot`, as the fake serves it. */
  const closeBefore = async (symbol: string, slot: number) => {
    const url = `${ctx.fake.baseURL}/api/v3/klines?symbol=${symbol}&interval=1m&startTime=${slot - MINUTE}&limit=1`;
    const [[, , , , close]] = (await (await fetch(url)).json()) as string[][];
    return close;
  };

  it("puts a paper bot on a symbol Binance does not list in error, alone: another user's keeps real data", async () => {
    const slot = lastClosedSlot('1m', ctx.fake.now());
    const unlisted = await runningPaperBot('DOGEUSDT');
    const listed = await runningPaperBot('BTCUSDT');

    expect(await ctx.runner.tick(unlisted.id, slot)).toBe('failed');
    const reason = 'market data: symbol DOGEUSDT is not listed';
    expect(await stateOf(unlisted.id)).toMatchObject({
      status: BotStatus.Error,
      statusReason: reason,
      lastError: reason,
      lastSlot: null,
    });

    await ctx.runner.tick(listed.id, slot);
    const state = await stateOf(listed.id);
    expect(state).toMatchObject({
      status: BotStatus.Running,
      statusReason: null,
      lastSlot: String(slot),
    });
    expect(state.lastSignal).toMatchObject({ close: await closeBefore('BTCUSDT', slot) });
  });

  it('makes a bot whose candle the exchange does not have yet wait, while other paper bots keep real data', async () => {
    const slot = lastClosedSlot('1m', ctx.fake.now());
    const early = await runningPaperBot('ETHUSDT');
    // Two minutes on: that candle cannot have closed by the time the request arrives.
    await expect(ctx.runner.tick(early.id, slot + 2 * MINUTE)).rejects.toThrow(
      /no closed 1m candle for ETHUSDT/,
    );
    expect(await stateOf(early.id)).toMatchObject({
      status: BotStatus.Running,
      lastSlot: null,
      lastError: expect.stringMatching(/^waiting for market data: no closed 1m candle/),
    });

    const other = await runningPaperBot('ETHUSDT');
    await ctx.runner.tick(other.id, slot);
    expect(await stateOf(other.id)).toMatchObject({ statusReason: null, lastSlot: String(slot) });
  });
});

describe('market data while the exchange host answers 503', () => {
  const account = liveAccount();
  const { ctx, stateOf, runningPaperBot } = appOnFakeBinance(account);

  beforeAll(() => ctx.fake.faults.add({ times: Infinity, fault: { type: 'status', status: 503 } }));

  it('a live bot waits, and from then on every paper bot ticks on simulated data without asking the host', async () => {
    const slot = lastClosedSlot('1m', ctx.fake.now());
    const live = await insertLiveBot(ctx.testApp, account);
    await expect(ctx.runner.tick(live.id, slot)).rejects.toThrow(/HTTP 503/);
    expect(await stateOf(live.id)).toMatchObject({
      status: BotStatus.Running,
      lastSlot: null,
      lastError: expect.stringMatching(/^waiting for market data: .*HTTP 503/),
    });

    const asked = ctx.fake.requests.length;
    for (const symbol of ['BTCUSDT', 'ETHUSDT']) {
      const paper = await runningPaperBot(symbol);
      await ctx.runner.tick(paper.id, slot);
      expect(await stateOf(paper.id)).toMatchObject({
        statusReason: SIMULATED,
        lastSlot: String(slot),
      });
    }
    expect(ctx.fake.requests).toHaveLength(asked);

    // Anyone may read since when: the dashboard's System page and paper bots say it.
    const health = await ctx.testApp.http.get('/health').expect(200);
    expect(health.body.status).toBe('ok');
    expect(health.body.marketData).toEqual({
      status: 'unreachable',
      unreachableSince: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('paper bots on the simulated feed trade amounts that read like Binance’s', async () => {
    const symbol = 'SOLUSDT';
    const bot = await runningPaperBot(symbol);
    const slot = simulatedBuySlot(symbol, Date.now());
    expect(await ctx.runner.tick(bot.id, slot)).toBe('ordered');
    const [trade] = await ctx.testApp.dataSource.getRepository(Trade).findBy({ botId: bot.id });
    const { stepSize, minNotional } = simulatedSymbolInfo(symbol).filters;
    expect(money(trade.qty).mod(stepSize!).isZero()).toBe(true);
    expect(money(trade.qty).decimalPlaces()).toBeLessThanOrEqual(5);
    expect(money(trade.quoteQty).gte(minNotional!)).toBe(true);
    expect((await stateOf(bot.id)).statusReason).toBe(SIMULATED);
  });

  it('answers a stop that would sell a live position 503 with Retry-After, and the bot runs on', async () => {
    const live = await insertLiveBot(ctx.testApp, account);
    await ctx.testApp.dataSource
      .getRepository(BotState)
      .update({ id: live.id }, { inPosition: true, positionQty: '0.01', entryPrice: '50000' });
    const { http } = ctx.testApp;
    const stop = await http
      .post(`/api/bots/${live.id}/stop`)
      .set({ Authorization: `Bearer ${await adminLogin(http)}` })
      .send({ closePosition: true })
      .expect(503);
    expect(stop.headers['retry-after']).toBe('30');
    expect(stop.body.message).toMatch(/cannot be priced now .*; the bot keeps running, try again/);
    expect(await stateOf(live.id)).toMatchObject({ status: BotStatus.Running, inPosition: true });
  });

  it('takes a paper bot on any symbol, as the list cannot be read, but not a live one', async () => {
    const { http } = ctx.testApp;
    const user = await createUser(http, await adminLogin(http));
    const auth = { Authorization: `Bearer ${user.token}` };
    const bot = {
      name: 'while Binance is down',
      symbol: 'DOGEUSDT',
      interval: '1h',
      mode: 'paper',
      strategy: 'ema-rsi',
      risk: { positionSizeQuote: '100' },
    };
    await http.post('/api/bots').set(auth).send(bot).expect(201);

    const credential = await http
      .post('/api/credentials')
      .set(auth)
      .send({ label: 'main', apiKey: account.apiKey, apiSecret: account.secret })
      .expect(201);
    await http
      .post('/api/bots')
      .set(auth)
      .send({ ...bot, mode: 'live', credentialId: credential.body.id })
      .expect(503);
  });
});
