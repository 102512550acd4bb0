import { randomBytes } from 'node:crypto';
import { BotStatus } from '../../src/kernel/bot.enums';
import { TickGroupService } from '../../src/bots/engine/tick-group.service';
import { BotState } from '../../src/database/entities/bot-state.entity';
import { lastClosedSlot } from '../../src/kernel/candle';
import { JobQueue, type QueuedJob } from '../../src/queue/job-queue';
import { JobName, jobId } from '../../src/queue/queue.constants';
import { insertPaperBot } from '../factories/bot.factory';
import { createTestApp, type TestApp } from '../utils/test-app';

// Nothing listens on port 1: paper bots tick on the deterministic simulated feed.
const OFFLINE = { BINANCE_BASE_URL: 'http://127.0.0.1:1' };

describe('a tick group (one job per symbol, interval and candle)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp(OFFLINE);
  });

  afterAll(async () => testApp.close());

  /** What a tick that is not skipped does here: hold, or order when the feed signals. */
  const TICKED = ['held', 'ordered'];

  /** A symbol of this test's own: the group reads every ticking bot of it. */
  const freshSymbol = () => `G${randomBytes(4).toString('hex').toUpperCase()}USDT`;
  const stateOf = (botId: string) =>
    testApp.dataSource.getRepository(BotState).findOneByOrFail({ id: botId });

  it('ticks each ticking bot of its symbol and interval once, and no other bot', async () => {
    const symbol = freshSymbol();
    const running = await insertPaperBot(
      testApp.dataSource,
      { symbol },
      { status: BotStatus.Running },
    );
    const paused = await insertPaperBot(
      testApp.dataSource,
      { symbol },
      { status: BotStatus.Paused },
    );
    const stopped = await insertPaperBot(
      testApp.dataSource,
      { symbol },
      { status: BotStatus.Stopped },
    );
    const otherInterval = await insertPaperBot(
      testApp.dataSource,
      { symbol, interval: '5m' },
      { status: BotStatus.Running },
    );
    const slot = lastClosedSlot('1m', Date.now());
    const groups = testApp.app.get(TickGroupService);

    const result = await groups.run({ symbol, interval: '1m', slot });
    // The two bots are alike: the same outcome twice.
    expect(result.bots).toBe(2);
    const [[outcome, count], ...others] = Object.entries(result.outcomes);
    expect(TICKED).toContain(outcome);
    expect({ count, others }).toEqual({ count: 2, others: [] });
    for (const bot of [running, paused]) {
      expect((await stateOf(bot.id)).lastSlot).toBe(String(slot));
    }
    for (const bot of [stopped, otherInterval]) {
      expect((await stateOf(bot.id)).lastSlot).toBeNull();
    }
    // The same group again (a second scheduler, a retried job): no bot ticks twice.
    expect(await groups.run({ symbol, interval: '1m', slot })).toEqual({
      bots: 2,
      outcomes: { skipped_duplicate: 2 },
    });
  });

  it("skips and counts a bot whose row another worker holds, and ticks the group's others", async () => {
    const symbol = freshSymbol();
    const held = await insertPaperBot(
      testApp.dataSource,
      { symbol },
      { status: BotStatus.Running },
    );
    const free = await insertPaperBot(
      testApp.dataSource,
      { symbol },
      { status: BotStatus.Running },
    );
    const slot = lastClosedSlot('1m', Date.now());
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = testApp.dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1 FROM bot_state WHERE id = $1 FOR UPDATE', [held.id]);
      locked();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await isLocked;
    const run = testApp.app.get(TickGroupService).run({ symbol, interval: '1m', slot });
    // The skip is counted once the holder commits: the counter is on the locked row.
    setTimeout(() => release(), 300);
    await holder;
    const { bots, outcomes } = await run;
    expect(bots).toBe(2);
    expect(outcomes.skipped_locked).toBe(1);
    expect(TICKED.map((ticked) => outcomes[ticked as 'held'] ?? 0)).toContain(1);
    expect(await stateOf(held.id)).toMatchObject({ lastSlot: null, ticksSkipped: 1 });
    expect((await stateOf(free.id)).lastSlot).toBe(String(slot));
  });

  it("gives a bot whose tick fails a tick job of its own, and still ticks the group's others", async () => {
    const symbol = freshSymbol();
    // An unregistered strategy: its tick throws (as a database or exchange error would).
    const failing = await insertPaperBot(
      testApp.dataSource,
      { symbol, strategy: 'no-such-strategy' },
      { status: BotStatus.Running },
    );
    const fine = await insertPaperBot(
      testApp.dataSource,
      { symbol },
      { status: BotStatus.Running },
    );
    const slot = lastClosedSlot('1m', Date.now());
    const queue = testApp.app.get(JobQueue);
    const enqueued: QueuedJob[] = [];
    // Recorded, not queued: the retried tick would fail the same way.
    Object.assign(queue, { add: async (jobs: QueuedJob[]) => void enqueued.push(...jobs) });
    try {
      const result = await testApp.app.get(TickGroupService).run({ symbol, interval: '1m', slot });
      expect(result.bots).toBe(2);
      expect(result.outcomes.requeued).toBe(1);
      expect(TICKED.map((ticked) => result.outcomes[ticked as 'held'] ?? 0)).toContain(1);
    } finally {
      Reflect.deleteProperty(queue, 'add');
    }
    const data = { botId: failing.id, slot };
    expect(enqueued).toEqual([{ name: JobName.Tick, data, id: jobId.tick(data) }]);
    expect((await stateOf(fine.id)).lastSlot).toBe(String(slot));
  });
});
