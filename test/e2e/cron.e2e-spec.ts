import { SchedulerRegistry } from '@nestjs/schedule';
import { BotStatus } from '../../src/kernel/bot.enums';
import { DAILY_RESET_JOB } from '../../src/bots/engine/daily-reset.cron';
import { ORDER_SWEEP_JOB } from '../../src/bots/engine/order-sweeper';
import { OPTIMIZATION_SWEEP_JOB } from '../../src/optimization/optimization-sweeper';
import { CANDLE_CLOSES_JOB } from '../../src/bots/engine/tick-scheduler.service';
import { BotState } from '../../src/database/entities/bot-state.entity';
import { utcDay } from '../../src/risk/daily-limits';
import { insertPaperBot } from '../factories/bot.factory';
import { createTestApp, type TestApp } from '../utils/test-app';
import { testQueuePrefix } from '../utils/test-env';
import { waitFor } from '../utils/wait-for';

const OFFLINE = { BINANCE_BASE_URL: 'http://127.0.0.1:1' };
const DAY_MS = 24 * 3600_000;

describe('the scheduled cron providers', () => {
  let apiOnly: TestApp;

  beforeAll(async () => {
    apiOnly = await createTestApp({ ...OFFLINE, CRON_ENABLED: 'false' });
  });

  afterAll(async () => {
    await apiOnly.close();
  });

  it('registers no cron job and no interval when CRON_ENABLED=false', () => {
    const registry = apiOnly.app.get(SchedulerRegistry);
    expect([...registry.getCronJobs().keys()]).toEqual([]);
    expect(registry.getIntervals()).toEqual([]);
  });

  it('resets at 00:00 UTC, checks candle closes every second, sweeps orders, and runs a reset missed while down at start', async () => {
    const today = utcDay(Date.now());
    const missed = await insertPaperBot(
      apiOnly.dataSource,
      {},
      {
        status: BotStatus.Paused,
        statusReason: 'dailyLossLimitQuote reached',
        dailyDate: utcDay(Date.now() - DAY_MS),
        dailyTrades: 3,
        dailyRealizedPnl: '-50',
      },
    );
    // A queue of its own: another spec's process may already have enqueued today's reset.
    const scheduling = await createTestApp({
      ...OFFLINE,
      CRON_ENABLED: 'true',
      QUEUE_PREFIX: `${testQueuePrefix()}_cron`,
    });
    try {
      const registry = scheduling.app.get(SchedulerRegistry);
      const reset = registry.getCronJob(DAILY_RESET_JOB);
      expect(reset.cronTime.source).toBe('0 0 * * *');
      expect(reset.cronTime.timeZone).toBe('UTC');
      expect(reset.nextDate().toMillis()).toBe(Date.parse(`${today}T00:00:00Z`) + DAY_MS);
      const candleCloses = registry.getCronJob(CANDLE_CLOSES_JOB);
      expect(candleCloses.isActive).toBe(true);
      expect(candleCloses.nextDate().toMillis() - Date.now()).toBeLessThanOrEqual(1000);
      expect(registry.getIntervals().sort()).toEqual([OPTIMIZATION_SWEEP_JOB, ORDER_SWEEP_JOB]);

      const state = await waitFor(async () => {
        const row = await scheduling.dataSource.getRepository(BotState).findOneByOrFail({
          id: missed.id,
        });
        return row.dailyDate === today ? row : undefined;
      }, 'the missed daily reset');
      expect(state).toMatchObject({
        status: BotStatus.Running,
        statusReason: null,
        dailyTrades: 0,
        dailyRealizedPnl: '0',
      });
    } finally {
      await scheduling.close();
    }
  });
});
