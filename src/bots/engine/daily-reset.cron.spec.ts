import { jest } from '@jest/globals';
import { loadConfig } from '../../config/app-config';
import { RecordingQueue } from '../../queue/testing/recording-queue';
import { DailyResetCron } from './daily-reset.cron';

describe('DailyResetCron', () => {
  afterEach(() => jest.useRealTimers());

  function cronAt(now: string, env: NodeJS.ProcessEnv = {}) {
    jest.useFakeTimers({ now: Date.parse(now), doNotFake: ['nextTick', 'setImmediate'] });
    const queue = new RecordingQueue();
    return { queue, cron: new DailyResetCron(queue, loadConfig(env)) };
  }

  it('names the new day even when the midnight timer fires a moment early', async () => {
    const { queue, cron } = cronAt('2026-12-04T23:59:59.990Z');
    await cron.atMidnight();
    expect(queue.added).toEqual([
      { name: 'daily-reset', data: { day: '2026-12-05' }, id: 'daily-reset:2026-12-05' },
    ]);
  });

  it("enqueues today's reset at start, in case midnight passed while the process was down", async () => {
    const { queue, cron } = cronAt('2026-12-05T09:30:00Z');
    await cron.onApplicationBootstrap();
    expect(queue.added.map((job) => job.id)).toEqual(['daily-reset:2026-12-05']);
  });

  it('enqueues nothing at start with CRON_ENABLED=false', async () => {
    const { queue, cron } = cronAt('2026-12-05T09:30:00Z', { CRON_ENABLED: 'false' });
    await cron.onApplicationBootstrap();
    expect(queue.added).toEqual([]);
  });
});
