import { evaluateCandles } from '../../src/strategies/strategy-evaluation';
import { candlesOfCloses } from '../../src/strategies/testing/candles-of-closes';
import { randomBytes } from 'node:crypto';
import { BotMode, BotStatus, OrderStatus } from '../../src/kernel/bot.enums';
import { BotRunnerService } from '../../src/bots/engine/bot-runner.service';
import { clientOrderIdFor } from '../../src/bots/engine/client-order-id';
import type { BotConfig } from '../../src/database/entities/bot-config.entity';
import { BotState } from '../../src/database/entities/bot-state.entity';
import { Order } from '../../src/database/entities/order.entity';
import { Trade } from '../../src/database/entities/trade.entity';
import { CredentialsService } from '../../src/credentials/credentials.service';
import { lastClosedSlot, nextSlot } from '../../src/kernel/candle';
import type { LiveExchangeClient } from '../../src/exchange/exchange-client.interface';
import {
  LIVE_EXCHANGE_FACTORY,
  type LiveExchangeFactory,
} from '../../src/exchange/live-exchange-factory';
import { CANDLE_WINDOW } from '../../src/exchange/market-data/market-data.service';
import { EmaRsiStrategy } from '../../src/strategies/ema-rsi/ema-rsi.strategy';
import { UserRole } from '../../src/kernel/user-role';
import type { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import type { FakeAccountConfig } from '../fake-binance/fake-binance.types';
import { insertPaperBot, insertUser } from '../factories/bot.factory';
import type { TestApp } from '../utils/test-app';
import { waitFor } from '../utils/wait-for';
import { type Interval } from '../../src/kernel/interval';

export const SYMBOL = 'BTCUSDT';
export const MINUTE = 60_000;
export const ORDER_PATH = '/api/v3/order';
/** Short enough for fast tests, longer than BINANCE_TIMEOUT_MS as production requires. */
export const ORDER_GRACE_MS = 1000;
export const LIVE_ENV = { ORDER_GRACE_MS: String(ORDER_GRACE_MS), BINANCE_TIMEOUT_MS: '400' };

const PARAMS = { emaFast: 2, emaSlow: 4, rsiPeriod: 2, rsiOverbought: 99.99, rsiOversold: 0.01 };
/** A 12-minute sine around 50,000 on 1m candles: an EMA crossover every few minutes. */
export const wave = (step: number) => 50_000 * (1 + 0.01 * Math.sin((2 * Math.PI * step) / 12));

export interface LiveAccount extends FakeAccountConfig {
  apiKey: string;
}

/** A funded fake account with a key and secret no other test uses (and no log would hold). */
export function liveAccount(usdt = '100000'): LiveAccount {
  return {
    apiKey: `key-${randomBytes(16).toString('hex')}`,
    secret: `secret-${randomBytes(24).toString('hex')}`,
    balances: { USDT: usdt, BTC: '0' },
  };
}

export function accountsOf(...accounts: LiveAccount[]): Record<string, FakeAccountConfig> {
  return Object.fromEntries(accounts.map(({ apiKey, ...rest }) => [apiKey, rest]));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A running live bot of a new user (or of `owner`), on a new credential for `account`. It
 * keeps no balance of its own: the engine sizes its buys from the account's free quote balance.
 */
export async function insertLiveBot(
  testApp: TestApp,
  account: LiveAccount,
  overrides: Partial<BotConfig> = {},
  owner?: { id: string; email: string },
): Promise<BotConfig> {
  const user = owner ?? (await insertUser(testApp.dataSource));
  const credential = await testApp.app
    .get(CredentialsService)
    .create(
      { id: user.id, email: user.email, role: UserRole.User },
      { label: 'fake binance', apiKey: account.apiKey, apiSecret: account.secret },
    );
  return insertPaperBot(
    testApp.dataSource,
    {
      userId: user.id,
      mode: BotMode.Live,
      credentialId: credential.id,
      symbol: SYMBOL,
      interval: '1m',
      strategyParams: PARAMS,
      positionSizeQuote: '1000',
      ...overrides,
    },
    { status: BotStatus.Running, quoteBalance: null, baseBalance: null },
  );
}

/**
 * The latest 1m slots, newest first, at which ema-rsi signals `action` on the candles the
 * fake serves (fetched from it, so the bot sees exactly these).
 */
export async function slotsWith(
  fake: FakeBinanceServer,
  action: 'buy' | 'sell',
  count: number,
): Promise<number[]> {
  const strategy = new EmaRsiStrategy();
  const found: number[] = [];
  for (let slot = lastClosedSlot('1m', fake.now()) - MINUTE; found.length < count; slot -= MINUTE) {
    const url = `${fake.baseURL}/api/v3/klines?symbol=${SYMBOL}&interval=1m&endTime=${slot - 1}&limit=${CANDLE_WINDOW}`;
    const rows = (await (await fetch(url)).json()) as string[][];
    const closes = rows.map((row) => Number(row[4]));
    if (evaluateCandles(strategy, PARAMS, candlesOfCloses(closes)).action === action)
      found.push(slot);
  }
  return found;
}

/**
 * The slot of the candle forming now, once at least `leftMs` of it remain (waiting for the
 * next one otherwise): an entry decided there is still current while a test runs.
 */
export async function currentSlot(interval: Interval, leftMs: number): Promise<number> {
  if (nextSlot(interval, Date.now()) - Date.now() < leftMs) {
    await sleep(nextSlot(interval, Date.now()) - Date.now() + 10);
  }
  return lastClosedSlot(interval, Date.now());
}

export function buyIdAt(bot: BotConfig, slot: number): string {
  return clientOrderIdFor(bot.id, slot, 'BUY');
}

/** What the engine and the exchange hold for a bot, to compare one with the other. */
export function views(testApp: TestApp, fake: FakeBinanceServer) {
  const { dataSource } = testApp;
  return {
    runner: testApp.app.get(BotRunnerService),
    exchangeFor: (bot: BotConfig): Promise<LiveExchangeClient> =>
      testApp.app.get<LiveExchangeFactory>(LIVE_EXCHANGE_FACTORY).forCredential(bot.credentialId!),
    state: (bot: BotConfig) => dataSource.getRepository(BotState).findOneByOrFail({ id: bot.id }),
    orders: (bot: BotConfig) =>
      dataSource
        .getRepository(Order)
        .find({ where: { botId: bot.id }, order: { createdAt: 'ASC' } }),
    trades: (bot: BotConfig) =>
      dataSource.getRepository(Trade).find({ where: { botId: bot.id }, order: { time: 'ASC' } }),
    /** The bot's orders, once none is still being sent or looked up. */
    settled: (bot: BotConfig) =>
      waitFor(
        async () => {
          const orders = await dataSource
            .getRepository(Order)
            .find({ where: { botId: bot.id }, order: { createdAt: 'ASC' } });
          return orders.every((order) => order.status !== OrderStatus.Sending) ? orders : undefined;
        },
        'its orders to settle',
        15_000,
      ),
    /** The fake's orders carrying this clientOrderId: one, never two. */
    placed: (clientOrderId: string) =>
      fake.orders().filter((order) => order.clientOrderId === clientOrderId),
    requestsFor: (clientOrderId: string, method = 'POST') =>
      fake.requests.filter(
        (r) =>
          r.path === ORDER_PATH &&
          r.method === method &&
          (r.params.newClientOrderId ?? r.params.origClientOrderId) === clientOrderId,
      ),
  };
}

/** Puts a bot in a 0.01 BTC position bought at 50,000, as if its entry had filled. */
export async function holdPosition(testApp: TestApp, botId: string): Promise<void> {
  await testApp.dataSource.getRepository(BotState).update(
    { id: botId },
    {
      inPosition: true,
      positionQty: '0.01',
      entryPrice: '50000',
      entryCostQuote: '500',
      trailingHigh: '50000',
    },
  );
}
