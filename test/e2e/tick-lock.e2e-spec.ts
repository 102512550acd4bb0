import { DataSource, type Logger as TypeOrmLogger, QueryFailedError } from 'typeorm';
import { isLockNotAvailable } from '../../src/database/lock-not-available';
import { BotState } from '../../src/database/entities/bot-state.entity';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { BotStateRepository } from '../../src/database/repositories/bot-state.repository';
import { Transactions } from '../../src/database/repositories/transactions';
import { insertPaperBot } from '../factories/bot.factory';
import { throwawayDatabaseUrl } from '../utils/test-env';

class CapturingLogger implements TypeOrmLogger {
  readonly queries: string[] = [];
  logQuery(query: string) {
    this.queries.push(query);
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

describe('the bot_state row lock', () => {
  let dataSource: DataSource;
  const logger = new CapturingLogger();

  beforeAll(async () => {
    dataSource = await new DataSource({
      ...dataSourceOptions(throwawayDatabaseUrl()),
      logging: ['query'],
      logger,
    }).initialize();
  });

  afterAll(async () => dataSource.destroy());

  const inTransaction = <T>(
    work: (lockNowait: (botId: string) => Promise<BotState | null>) => Promise<T>,
  ) =>
    new Transactions(dataSource).run((tx) =>
      work((botId) => new BotStateRepository(dataSource).lockNowait(tx, botId)),
    );

  it('is taken with SELECT … FOR UPDATE NOWAIT', async () => {
    const bot = await insertPaperBot(dataSource);
    logger.queries.length = 0;
    await inTransaction((lockNowait) => lockNowait(bot.id));
    const select = logger.queries.find((query) => query.includes('"bot_state"'));
    expect(select).toMatch(/FOR UPDATE NOWAIT/);
  });

  it('reads the locked row as the ORM reads it: dates, decimals, json and timestamps alike', async () => {
    const bot = await insertPaperBot(
      dataSource,
      {},
      {
        dailyDate: '2026-12-05',
        dailyTrades: 2,
        dailyRealizedPnl: '-12.5',
        entryPrice: '100.25',
        lastSlot: '1796450400000',
        lastTickAt: new Date('2026-12-05T06:00:00.123Z'),
        lastSignal: { action: 'hold', indicators: { rsi: 50 }, candleCloseTime: 1, close: '1' },
      },
    );
    const viaOrm = await dataSource.getRepository(BotState).findOneByOrFail({ id: bot.id });
    const locked = await inTransaction((lockNowait) => lockNowait(bot.id));
    expect(locked).toEqual(viaOrm);
    expect(locked?.dailyDate).toBe('2026-12-05');
  });

  it('makes a second transaction fail at once with 55P03 while the first holds it', async () => {
    const bot = await insertPaperBot(dataSource);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const first = inTransaction(async (lockNowait) => {
      expect(await lockNowait(bot.id)).not.toBeNull();
      locked();
      await held;
    });
    await isLocked;
    const started = Date.now();
    const second = await inTransaction((lockNowait) => lockNowait(bot.id)).catch(
      (error: unknown) => error,
    );
    release();
    await first;
    expect(second).toBeInstanceOf(QueryFailedError);
    expect((second as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe(
      '55P03',
    );
    expect(isLockNotAvailable(second)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('is free again once the holder commits', async () => {
    const bot = await insertPaperBot(dataSource);
    await inTransaction((lockNowait) => lockNowait(bot.id));
    const state = await inTransaction((lockNowait) => lockNowait(bot.id));
    expect(state?.id).toBe(bot.id);
  });
});
