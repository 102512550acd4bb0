import { In } from 'typeorm';
import { BotStatus } from '../../src/kernel/bot.enums';
import { BotRunnerService } from '../../src/bots/engine/bot-runner.service';
import { BotState } from '../../src/database/entities/bot-state.entity';
import { lastClosedSlot } from '../../src/kernel/candle';
import { DEFAULT_SYMBOLS } from '../fake-binance/default-universe';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { testOptions } from '../fake-binance/test-universe';
import { insertPaperBot, insertUser } from '../factories/bot.factory';
import { createTestApp, type TestApp } from '../utils/test-app';

const BOTS = 200;
const SYMBOLS = DEFAULT_SYMBOLS.map((spec) => spec.symbol);

describe('market data is fetched once per symbol and candle, whatever the bots and workers', () => {
  let fake: FakeBinanceServer;
  const workers: TestApp[] = [];

  beforeAll(async () => {
    fake = new FakeBinanceServer(testOptions({ symbols: DEFAULT_SYMBOLS }));
    const env = { BINANCE_BASE_URL: await fake.start() };
    // Two workers on one database, queue prefix and Redis, as in a scale-out.
    workers.push(await createTestApp(env), await createTestApp(env));
  });

  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await fake.stop();
  });

  it(`ticks ${BOTS} bots on ${SYMBOLS.length} symbols in two workers with ${SYMBOLS.length} klines requests`, async () => {
    const { dataSource } = workers[0];
    const user = await insertUser(dataSource);
    const bots = [];
    for (let i = 0; i < BOTS; i++) {
      bots.push(
        await insertPaperBot(
          dataSource,
          { userId: user.id, symbol: SYMBOLS[i % SYMBOLS.length] },
          { status: BotStatus.Running },
        ),
      );
    }
    const slot = lastClosedSlot('1m', fake.now());
    fake.requests.length = 0;

    const outcomes = await Promise.all(
      bots.map((bot, i) => workers[i % 2].app.get(BotRunnerService).tick(bot.id, slot)),
    );

    expect(outcomes.filter((outcome) => outcome === 'skipped_locked')).toEqual([]);
    const klines = fake.requests.filter((request) => request.path === '/api/v3/klines');
    expect(klines.map((request) => request.params.symbol).sort()).toEqual([...SYMBOLS].sort());
    const states = await dataSource
      .getRepository(BotState)
      .findBy({ id: In(bots.map((bot) => bot.id)) });
    const ticked = states.filter((state) => state.lastSlot === String(slot));
    expect(ticked).toHaveLength(BOTS);
    // Real candles from the exchange, not the simulated fallback.
    expect(ticked.filter((state) => state.statusReason !== null)).toEqual([]);
  });
});
