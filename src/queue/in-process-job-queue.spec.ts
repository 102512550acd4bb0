import { Logger } from '@nestjs/common';
import { jest } from '@jest/globals';
import { currentLogFields, type LogFields, withLogFields } from '../logging/log-context';
import { InProcessJobQueue } from './in-process-job-queue';
import { type JobHandler, UnrecoverableJobError } from './job-queue';
import { BackoffStrategyName, JobName } from './queue.constants';

/** A job's failures are expected here: their lines are captured and checked, not printed. */
function captureLogs() {
  const quiet = () => undefined;
  return {
    warn: jest.spyOn(Logger.prototype, 'warn').mockImplementation(quiet),
    error: jest.spyOn(Logger.prototype, 'error').mockImplementation(quiet),
    debug: jest.spyOn(Logger.prototype, 'debug').mockImplementation(quiet),
  };
}

const messages = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.map(([line]) => line);

afterEach(() => jest.restoreAllMocks());

describe('InProcessJobQueue', () => {
  it("retries with the job's named backoff strategy, as Bull does", async () => {
    const logs = captureLogs();
    const runs: number[] = [];
    const handler: JobHandler = {
      handle: async () => {
        runs.push(Date.now());
        if (runs.length < 3) throw new Error(`failure ${runs.length}`);
      },
    };
    const calls: [number, string][] = [];
    const queue = new InProcessJobQueue({
      [BackoffStrategyName.NotificationRetry]: (attemptsMade, error) => {
        calls.push([attemptsMade, error.message]);
        return 20;
      },
    });
    queue.process(handler, 1);
    const data = { eventId: 'e', channelId: 'c' };
    await queue.add([{ name: JobName.DeliverNotification, data, id: 'job-1' }]);
    await queue.whenIdle();

    expect(runs).toHaveLength(3);
    expect(calls).toEqual([
      [1, 'failure 1'],
      [2, 'failure 2'],
    ]);
    expect(runs[2] - runs[0]).toBeGreaterThanOrEqual(35);
    expect(messages(logs.warn)).toEqual([
      'job job-1 failed: failure 1; retry in 20 ms',
      'job job-1 failed: failure 2; retry in 20 ms',
    ]);
    expect(logs.error).not.toHaveBeenCalled();
  });

  it('counts jobs by state as Bull does: waiting, active, delayed for a retry, failed', async () => {
    const logs = captureLogs();
    let release = () => {};
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const handler: JobHandler = {
      handle: async (_name, data) => {
        const { eventId } = data as { eventId: string };
        if (eventId === 'blocks') await blocked;
        if (eventId === 'fails') throw new UnrecoverableJobError('never');
        if (eventId === 'retries') throw new Error('not yet');
      },
    };
    const queue = new InProcessJobQueue({
      [BackoffStrategyName.NotificationRetry]: () => 60_000,
    });
    queue.process(handler, 1);
    const job = (eventId: string) => ({
      name: JobName.DeliverNotification,
      data: { eventId, channelId: 'c' },
      id: eventId,
    });
    await queue.add([job('fails'), job('retries'), job('blocks'), job('waits')]);
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(await queue.counts()).toEqual({ waiting: 1, active: 1, delayed: 1, failed: 1 });
    expect(await queue.pendingCount()).toBe(3);
    expect(messages(logs.error)).toEqual(['job fails failed: never']);
    expect(messages(logs.warn)).toEqual(['job retries failed: not yet; retry in 60000 ms']);
    release();
    await queue.onApplicationShutdown();
  });
});

describe('InProcessJobQueue log fields', () => {
  it("carries the queuing request's correlation id into the job, and nothing else of its context", async () => {
    captureLogs();
    const seen: LogFields[] = [];
    const handler: JobHandler = {
      handle: async () => void seen.push({ ...currentLogFields() }),
    };
    const queue = new InProcessJobQueue();
    queue.process(handler, 1);
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
