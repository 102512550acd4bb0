import { currentLogFields, type LogFields, withLogFields } from '../logging/log-context';
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

describe('InProcessJobQueue log fields', () => {
  it("carries the queuing request's correlation id into the job, and nothing else of its context", async () => {
    const seen: LogFields[] = [];
    const handler: JobHandler = {
      handle: async () => void seen.push({ ...currentLogFields() }),
    };
    const queue = new InProcessJobQueue(handler, 1);
    const data = { botId: 'bot-1', slot: 60_000 };
    await withLogFields({ correlationId: 'req-1', orderId: 'an order of the request' }, () =>
      queue.add([{ name: JobName.Tick, data, id: 'tick:bot-1:60000' }]),
    );
    await queue.add([{ name: JobName.Tick, data: { ...data, slot: 120_000 }, id: 'cron-tick' }]);
    await queue.whenIdle();

    expect(seen).toEqual([
      { jobId: 'tick:bot-1:60000', correlationId: 'req-1', botId: 'bot-1' },
      { jobId: 'cron-tick', botId: 'bot-1' },
    ]);
  });
});
