import { evaluateCandles } from '../../src/strategies/strategy-evaluation';
import { candlesOfCloses } from '../../src/strategies/testing/candles-of-closes';
import { BotStatus } from '../../src/kernel/bot.enums';
import { BotRunnerService } from '../../src/bots/engine/bot-runner.service';
import { Trade } from '../../src/database/entities/trade.entity';
import { lastClosedSlot } from '../../src/kernel/candle';
import { CANDLE_WINDOW } from '../../src/exchange/market-data/market-data.service';
import { simulatedCandles } from '../../src/exchange/market-data/simulated-feed';
import { EmaRsiStrategy } from '../../src/strategies/ema-rsi/ema-rsi.strategy';
import { insertPaperBot } from '../factories/bot.factory';
import { waitFor } from '../utils/wait-for';
import { notificationsHarness } from './notifications-harness';

// As in engine.e2e-spec: nothing listens on port 1, so paper bots tick on the
// deterministic simulated feed and a test can pick slots where the strategy trades.
const PARAMS = { emaFast: 3, emaSlow: 6, rsiPeriod: 4, rsiOverbought: 95, rsiOversold: 5 };
const SYMBOL = 'ETHUSDT';
const MINUTE = 60_000;

function slotWith(action: 'buy' | 'sell', before: number): number {
  const strategy = new EmaRsiStrategy();
  for (let slot = lastClosedSlot('1m', before) - MINUTE; ; slot -= MINUTE) {
    const candles = simulatedCandles(SYMBOL, '1m', slot, CANDLE_WINDOW);
    const closes = candles.map((candle) => Number(candle.close));
    if (evaluateCandles(strategy, PARAMS, candlesOfCloses(closes)).action === action) return slot;
  }
}

function inOrder<T extends { type: string }>(events: T[], types: string[]): T[] {
  return [...events].sort((a, b) => types.indexOf(a.type) - types.indexOf(b.type));
}

describe('the engine publishes to notification channels (real ticks of a paper bot)', () => {
  const h = notificationsHarness(() => ({
    BINANCE_BASE_URL: 'http://127.0.0.1:1',
    ORDER_GRACE_MS: '1000',
  }));
  const { ctx } = h;

  it('a buy and a sell tick reach the webhook as trade.opened and trade.closed with the trade rows’ numbers', async () => {
    const bot = await insertPaperBot(
      ctx.testApp.dataSource,
      { userId: ctx.user.id, symbol: SYMBOL, strategyParams: PARAMS },
      { status: BotStatus.Running },
    );
    const receiver = await h.receiver();
    const channel = await h.webhook(receiver, {
      events: ['trade.opened', 'trade.closed'],
      botIds: [bot.id],
    });
    const sell = slotWith('sell', Date.now());
    const buy = slotWith('buy', sell);
    const runner = ctx.testApp.app.get(BotRunnerService);
    await runner.tick(bot.id, buy);
    await runner.tick(bot.id, sell);

    const trades = await ctx.testApp.dataSource
      .getRepository(Trade)
      .find({ where: { botId: bot.id }, order: { time: 'ASC' } });
    expect(trades.map((trade) => trade.side)).toEqual(['BUY', 'SELL']);
    await waitFor(async () => (receiver.received.length >= 2 ? true : undefined), 'two events');
    // Deliveries run concurrently and may land in either order.
    const byType = inOrder(receiver.events() as { type: string; data: object }[], [
      'trade.opened',
      'trade.closed',
    ]);
    const [opened, closed] = byType;
    const numbers = (trade: Trade) => ({
      tradeId: trade.id,
      price: trade.price,
      qty: trade.qty,
      quoteQty: trade.quoteQty,
      fee: trade.fee,
      feeAsset: trade.feeAsset,
      time: trade.time.toISOString(),
    });
    expect(opened).toMatchObject({ type: 'trade.opened', data: numbers(trades[0]) });
    expect(closed).toMatchObject({
      type: 'trade.closed',
      data: { ...numbers(trades[1]), pnl: trades[1].pnl, reason: 'signal' },
    });
    expect(trades[1].pnl).not.toBeNull();
    expect((await h.deliveries(channel.id)).map((d) => d.status)).toEqual([
      'succeeded',
      'succeeded',
    ]);
  });

  it('starting and stopping over HTTP reach the webhook as bot.started and bot.stopped', async () => {
    const bot = await insertPaperBot(ctx.testApp.dataSource, {
      userId: ctx.user.id,
      symbol: SYMBOL,
      strategyParams: PARAMS,
    });
    const receiver = await h.receiver();
    await h.webhook(receiver, { events: ['bot.started', 'bot.stopped'], botIds: [bot.id] });
    const auth = { Authorization: `Bearer ${ctx.user.token}` };

    await ctx.testApp.http.post(`/api/bots/${bot.id}/start`).set(auth).expect(202);
    await ctx.testApp.http.post(`/api/bots/${bot.id}/stop`).set(auth).send({}).expect(202);

    await waitFor(async () => (receiver.received.length >= 2 ? true : undefined), 'two events');
    const events = inOrder(
      receiver.events() as { type: string; bot: { id: string }; data: object }[],
      ['bot.started', 'bot.stopped'],
    );
    expect(events.map((event) => [event.type, event.bot.id, event.data])).toEqual([
      ['bot.started', bot.id, {}],
      ['bot.stopped', bot.id, { closePosition: false }],
    ]);
  });
});
