import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { BotMode, BotStatus } from '../../src/kernel/bot.enums';
import { BotConfig } from '../../src/database/entities/bot-config.entity';
import { BotState } from '../../src/database/entities/bot-state.entity';
import { User } from '../../src/database/entities/user.entity';
import { UserRole } from '../../src/kernel/user-role';

/** Inserts a user straight into the database (for tests that do not go through HTTP). */
export async function insertUser(dataSource: DataSource): Promise<User> {
  return dataSource.getRepository(User).save({
    email: `factory-${randomUUID()}@tradebot.test`,
    passwordHash: 'not-a-real-hash',
    role: UserRole.User,
  });
}

/** Inserts a paper bot and its state row, as the bots API would create them. */
export async function insertPaperBot(
  dataSource: DataSource,
  overrides: Partial<BotConfig> = {},
  stateOverrides: Partial<BotState> = {},
): Promise<BotConfig> {
  const user = overrides.userId ? undefined : await insertUser(dataSource);
  return dataSource.transaction(async (manager) => {
    const bot = await manager.save(
      manager.create(BotConfig, {
        userId: user?.id,
        name: 'factory bot',
        symbol: 'BTCUSDT',
        interval: '1m',
        mode: BotMode.Paper,
        credentialId: null,
        strategy: 'ema-rsi',
        strategyParams: {
          emaFast: 12,
          emaSlow: 26,
          rsiPeriod: 14,
          rsiOverbought: 70,
          rsiOversold: 30,
        },
        positionSizeQuote: '1000',
        stopLossPct: null,
        takeProfitPct: null,
        trailingStopPct: null,
        maxDailyTrades: null,
        dailyLossLimitQuote: null,
        dailyProfitTargetQuote: null,
        paperInitialBalanceQuote: '10000',
        paperFeeRate: '0.001',
        paperSlippageBps: '5',
        ...overrides,
      }),
    );
    await manager.save(
      manager.create(BotState, {
        id: bot.id,
        status: BotStatus.Stopped,
        quoteBalance: bot.paperInitialBalanceQuote,
        baseBalance: '0',
        ...stateOverrides,
      }),
    );
    return bot;
  });
}
