import { InProcessJobQueue } from './in-process-job-queue';
import type { JobHandler } from './job-queue';
import { BackoffStrategyName, JobName } from './queue.constants';

describe('InProcessJobQueue', () => {
  it("retries with the job's named backoff strategy, as Bull does", async () => {
    const runs: number[] = [];
    const handler: JobHandler = {
      handle: async () => {
        runs.push(Date.now());
        if (runs.length < 3) throw new Error(`failure ${runs.length}`);
      },
    };
    const calls: [number, string][] = [];
    const queue = new InProcessJobQueue(handler, 1, {
      [BackoffStrategyName.NotificationRetry]: (attemptsMade, error) => {
        calls.push([attemptsMade, error.message]);
        return 20;
      },
    });
    const data = { eventId: 'e', channelId: 'c' };
    await queue.add([{ name: JobName.DeliverNotification, data, id: 'job-1' }]);
    await queue.whenIdle();

    expect(runs).toHaveLength(3);
    expect(calls).toEqual([
      [1, 'failure 1'],
      [2, 'failure 2'],
    ]);
    expect(runs[2] - runs[0]).toBeGreaterThanOrEqual(35);
  });
});
