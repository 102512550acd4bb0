import { jest } from '@jest/globals';
import { sayingStrategy } from '../../strategies/testing/saying-strategy';
import { candleColumns } from '../../kernel/candle';
import { QueryFailedError } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { BotConfig } from '../../database/entities/bot-config.entity';
import { BotState } from '../../database/entities/bot-state.entity';
import { Order } from '../../database/entities/order.entity';
import type { BotConfigRepository } from '../../database/repositories/bot-config.repository';
import type { BotStateRepository } from '../../database/repositories/bot-state.repository';
import type { OrderRepository } from '../../database/repositories/order.repository';
import type { ExternalSignalRepository } from '../../database/repositories/external-signal.repository';
import type { TradeRepository } from '../../database/repositories/trade.repository';
import { recordingTransactions } from '../../database/repositories/testing/recording-transactions';
import type { Transactions } from '../../database/repositories/transactions';
import type { ExchangeClient, SymbolInfo } from '../../exchange/exchange-client.interface';
import type {
  ClosedCandles,
  MarketDataService,
} from '../../exchange/market-data/market-data.service';
import { PaperExchange } from '../../exchange/paper/paper-exchange';
import { BotMode, BotStatus, OrderSide, OrderStatus } from '../../kernel/bot.enums';
import type { AppMetrics } from '../../metrics/app-metrics';
import { utcDay } from '../../risk/daily-limits';
import { RiskRules } from '../../risk/risk-rules';
import { riskParams } from '../../risk/testing/risk-params';
import { StrategyRegistryService } from '../../strategies/strategy-registry.service';
import type { Strategy, StrategySignal } from '../../strategies/strategy.interface';
import { BotRunnerService } from './bot-runner.service';
import type { EngineEvents } from './engine-events.service';
import type { ExchangeRouter } from './exchange-router.service';

const SLOT = Date.parse('2026-12-07T12:00:00.000Z');
const INFO: SymbolInfo = {
  symbol: 'BTCUSDT',
  baseAsset: 'BTC',
  quoteAsset: 'USDT',
  trading: true,
  filters: { stepSize: '0.001', minNotional: '10' },
};
const CANDLES = [
  {
    openTime: SLOT - 60_000,
    open: '100',
    high: '100',
    low: '100',
    close: '100',
    volume: '1',
    closeTime: SLOT - 1,
  },
];
const MARKET: ClosedCandles = {
  candles: CANDLES,
  columns: candleColumns(CANDLES),
  simulated: false,
};
const LOCK_NOT_AVAILABLE = new QueryFailedError(
  'SELECT * FROM "bot_state" WHERE "id" = $1 FOR UPDATE NOWAIT',
  [],
  Object.assign(new Error('could not obtain lock on row in relation "bot_state"'), {
    code: '55P03',
  }),
);

/** ema-rsi's key, saying what the test wants: the runner is under test, not the strategy. */
const saying = (action: StrategySignal['action']): Strategy =>
  sayingStrategy(action, 'flat', 'ema-rsi');

const paperBot = (): BotConfig =>
  Object.assign(new BotConfig(), {
    id: 'bot-1',
    userId: 'user-1',
    name: 'paper bot',
    symbol: 'BTCUSDT',
    interval: '1m',
    mode: BotMode.Paper,
    credentialId: null,
    strategy: 'ema-rsi',
    strategyParams: {},
    ...riskParams(),
    paperInitialBalanceQuote: '10000',
    paperFeeRate: '0.001',
    paperSlippageBps: '5',
  });

const stateOf = (overrides: Partial<BotState> = {}): BotState =>
  Object.assign(new BotState(), {
    id: 'bot-1',
    status: BotStatus.Running,
    statusReason: null,
    pendingOrderId: null,
    stopRequestedAt: null,
    inPosition: false,
    positionQty: null,
    entryPrice: null,
    entryTime: null,
    entryCostQuote: null,
    trailingHigh: null,
    stopLossPrice: null,
    takeProfitPrice: null,
    dailyDate: utcDay(new Date(SLOT)),
    dailyTrades: 0,
    dailyRealizedPnl: '0',
    quoteBalance: '10000',
    baseBalance: '0',
    lastSlot: null,
    ...overrides,
  });

function runnerWith(signal: StrategySignal['action'] = 'buy') {
  const transactions = recordingTransactions();
  const intents: Order[] = [];
  const configs = { findById: jest.fn<BotConfigRepository['findById']>() };
  const states = {
    lockNowait: jest.fn<BotStateRepository['lockNowait']>(),
    lock: jest.fn<BotStateRepository['lock']>(),
    findById: jest.fn<BotStateRepository['findById']>(),
    update: jest.fn<BotStateRepository['update']>().mockResolvedValue(),
    setLastError: jest.fn<BotStateRepository['setLastError']>().mockResolvedValue(),
    countSkippedTick: jest.fn<BotStateRepository['countSkippedTick']>().mockResolvedValue(),
  };
  const orders = {
    insertIntent: jest.fn<OrderRepository['insertIntent']>().mockImplementation((_tx, fields) => {
      const order = Object.assign(new Order(), fields);
      intents.push(order);
      return Promise.resolve(order);
    }),
    insert: jest.fn<OrderRepository['insert']>(),
    findById: jest
      .fn<OrderRepository['findById']>()
      .mockImplementation((id) =>
        Promise.resolve(intents.find((order) => order.id === id) ?? null),
      ),
    update: jest.fn<OrderRepository['update']>().mockResolvedValue(),
    takeClaim: jest.fn<OrderRepository['takeClaim']>(),
    renewClaim: jest.fn<OrderRepository['renewClaim']>(),
    renewClaimAfterAttempt: jest.fn<OrderRepository['renewClaimAfterAttempt']>(),
  };
  const trades = { insert: jest.fn<TradeRepository['insert']>().mockResolvedValue() };
  const marketData = {
    closedCandles: jest.fn<MarketDataService['closedCandles']>().mockResolvedValue(MARKET),
    symbolInfo: jest.fn<MarketDataService['symbolInfo']>().mockResolvedValue(INFO),
  };
  const paper = new PaperExchange({ feeRate: '0.001', slippageBps: '5' }, () =>
    Promise.resolve(INFO),
  );
  const sentWithTransactionsOpen: number[] = [];
  const placeMarketOrder = jest
    .fn<ExchangeClient['placeMarketOrder']>()
    .mockImplementation((order) => {
      sentWithTransactionsOpen.push(transactions.open);
      return paper.placeMarketOrder(order);
    });
  const exchanges = {
    forBot: jest
      .fn<ExchangeRouter['forBot']>()
      .mockResolvedValue({ placeMarketOrder } as unknown as ExchangeClient),
    liveAccount: jest.fn<ExchangeRouter['liveAccount']>(),
  };
  const events = {
    event: jest.fn((type: string) => ({ type })),
    publish: jest.fn<EngineEvents['publish']>().mockResolvedValue(),
  };
  const metrics = { orders: { inc: jest.fn() } };

  const runner = new BotRunnerService(
    transactions as unknown as Transactions,
    configs as unknown as BotConfigRepository,
    states as unknown as BotStateRepository,
    orders as unknown as OrderRepository,
    trades as unknown as TradeRepository,
    marketData as unknown as MarketDataService,
    new StrategyRegistryService([saying(signal)]),
    exchanges as unknown as ExchangeRouter,
    { orderGraceMs: 30_000 } as AppConfig,
    events as unknown as EngineEvents,
    metrics as unknown as AppMetrics,
    new RiskRules(),
    {} as ExternalSignalRepository,
  );
  return {
    runner,
    transactions,
    configs,
    states,
    orders,
    trades,
    placeMarketOrder,
    sentWithTransactionsOpen,
  };
}

describe('BotRunnerService.tick', () => {
  it('skips a tick whose state row another transaction holds, and sends nothing', async () => {
    const { runner, configs, states, orders, placeMarketOrder } = runnerWith('buy');
    configs.findById.mockResolvedValue(paperBot());
    states.lockNowait.mockRejectedValue(LOCK_NOT_AVAILABLE);

    expect(await runner.tick('bot-1', SLOT)).toBe('skipped_locked');
    expect(states.countSkippedTick).toHaveBeenCalledWith('bot-1');
    expect(orders.insertIntent).not.toHaveBeenCalled();
    expect(states.update).not.toHaveBeenCalled();
    expect(placeMarketOrder).not.toHaveBeenCalled();
  });

  it('is not_running for a bot that no longer exists', async () => {
    const { runner, configs, states, transactions } = runnerWith('buy');
    configs.findById.mockResolvedValue(null);

    expect(await runner.tick('bot-1', SLOT)).toBe('not_running');
    expect(configs.findById).toHaveBeenCalledWith('bot-1');
    expect(transactions.run).not.toHaveBeenCalled();
    expect(states.lockNowait).not.toHaveBeenCalled();
  });

  it('orders nothing for a bot found stopped under its lock', async () => {
    const { runner, configs, states, orders, placeMarketOrder } = runnerWith('buy');
    configs.findById.mockResolvedValue(paperBot());
    states.lockNowait.mockResolvedValue(stateOf({ status: BotStatus.Stopped }));

    expect(await runner.tick('bot-1', SLOT)).toBe('not_running');
    expect(orders.insertIntent).not.toHaveBeenCalled();
    expect(states.update).not.toHaveBeenCalled();
    expect(placeMarketOrder).not.toHaveBeenCalled();
  });

  it('commits a paper buy intent before sending it, and records the fill after', async () => {
    const t = runnerWith('buy');
    t.configs.findById.mockResolvedValue(paperBot());
    t.states.lockNowait.mockResolvedValue(stateOf());
    t.states.lock.mockResolvedValue(stateOf());

    expect(await t.runner.tick('bot-1', SLOT)).toBe('ordered');

    const [decideTx, recordTx] = t.transactions.txs;
    expect(t.transactions.txs).toHaveLength(2);
    expect(t.states.lockNowait).toHaveBeenCalledWith(decideTx, 'bot-1');
    // 1000 USDT at 100 slipped by 5 bps: 9.995002…, floored to the 0.001 step.
    expect(t.orders.insertIntent).toHaveBeenCalledWith(
      decideTx,
      expect.objectContaining({
        botId: 'bot-1',
        side: OrderSide.Buy,
        status: OrderStatus.Sending,
        requestedQty: '9.995',
        refPrice: '100',
        slot: String(SLOT),
      }),
    );
    const intent = t.orders.insertIntent.mock.results[0].value as Promise<Order>;
    const { id: intentId } = await intent;
    expect(t.states.update).toHaveBeenCalledWith(
      decideTx,
      'bot-1',
      expect.objectContaining({ pendingOrderId: intentId, lastSlot: String(SLOT) }),
    );
    expect(t.placeMarketOrder).toHaveBeenCalledWith(
      expect.objectContaining({ side: 'BUY', qty: '9.995', refPrice: '100' }),
    );
    expect(t.sentWithTransactionsOpen).toEqual([0]);
    expect(t.states.lock).toHaveBeenCalledWith(recordTx, 'bot-1');
    expect(t.orders.update).toHaveBeenCalledWith(
      recordTx,
      intentId,
      expect.objectContaining({ status: OrderStatus.Filled }),
    );
    expect(t.trades.insert).toHaveBeenCalledWith(
      recordTx,
      expect.objectContaining({ orderId: intentId, side: OrderSide.Buy, qty: '9.995' }),
    );
    expect(t.states.update).toHaveBeenLastCalledWith(
      recordTx,
      'bot-1',
      expect.objectContaining({ inPosition: true, positionQty: '9.995', pendingOrderId: null }),
    );

    const inserted = t.orders.insertIntent.mock.invocationCallOrder[0];
    const sent = t.placeMarketOrder.mock.invocationCallOrder[0];
    const recorded = t.trades.insert.mock.invocationCallOrder[0];
    expect(inserted).toBeLessThan(sent);
    expect(sent).toBeLessThan(recorded);
  });

  it('holds without an order when the strategy says nothing, writing the tick on the state', async () => {
    const t = runnerWith('none');
    t.configs.findById.mockResolvedValue(paperBot());
    t.states.lockNowait.mockResolvedValue(stateOf());

    expect(await t.runner.tick('bot-1', SLOT)).toBe('held');
    expect(t.states.update).toHaveBeenCalledWith(
      t.transactions.txs[0],
      'bot-1',
      expect.objectContaining({ lastSlot: String(SLOT), status: BotStatus.Running }),
    );
    expect(t.orders.insertIntent).not.toHaveBeenCalled();
    expect(t.placeMarketOrder).not.toHaveBeenCalled();
  });
});
