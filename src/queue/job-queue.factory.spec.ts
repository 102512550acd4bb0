import type { Queue, QueueOptions } from 'bull';
import { BullJobQueue } from './bull-job-queue';
import { InProcessJobQueue } from './in-process-job-queue';
import { createJobQueue, type OpenBullQueue } from './job-queue.factory';
import { BackoffStrategyName, QueueName } from './queue.constants';

describe('createJobQueue', () => {
  const strategies = { [BackoffStrategyName.NotificationRetry]: () => 1000 };

  function recordingOpen() {
    const opened: [QueueName, QueueOptions][] = [];
    const bull = { name: 'a Bull queue' } as unknown as Queue;
    const open: OpenBullQueue = (name, options) => {
      opened.push([name, options]);
      return bull;
    };
    return { opened, bull, open };
  }

  it("with REDIS_URL, drives a Bull queue of the queue's name under QUEUE_PREFIX", () => {
    const { opened, bull, open } = recordingOpen();
    const config = { redisUrl: 'redis://127.0.0.1:6379/2', queuePrefix: 'tb-test' };
    const queue = createJobQueue(QueueName.Notifications, config, strategies, open);

    expect(queue).toBeInstanceOf(BullJobQueue);
    expect(queue.backend).toBe('bull');
    expect((queue as BullJobQueue).queue).toBe(bull);
    expect(opened).toEqual([
      [
        QueueName.Notifications,
        {
          redis: 'redis://127.0.0.1:6379/2',
          prefix: 'tb-test',
          settings: { backoffStrategies: strategies },
        },
      ],
    ]);
  });

  it('without REDIS_URL, keeps the jobs in this process and opens no Bull queue', () => {
    const { opened, open } = recordingOpen();
    const queue = createJobQueue(
      QueueName.BotJobs,
      { redisUrl: undefined, queuePrefix: 'tradebot' },
      strategies,
      open,
    );

    expect(queue).toBeInstanceOf(InProcessJobQueue);
    expect(queue.backend).toBe('in-process');
    expect(opened).toEqual([]);
  });
});
