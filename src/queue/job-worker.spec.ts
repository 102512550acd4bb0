import { Inject, Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { InProcessJobQueue } from './in-process-job-queue';
import type { JobHandler, JobQueueDriver } from './job-queue';
import { jobWorker } from './job-worker';
import { JobName, type JobData } from './queue.constants';
import { QueueName } from './queue.constants';
import { jobQueueToken, QueueModule } from './queue.module';

const token = jobQueueToken(QueueName.BotJobs);

/** A handler that enqueues into its own queue, as the tick group does for a failed bot. */
@Injectable()
class FollowUpHandler implements JobHandler {
  readonly days: string[] = [];

  constructor(@Inject(token) private readonly queue: JobQueueDriver) {}

  async handle<N extends JobName>(_name: N, data: JobData[N]): Promise<void> {
    const { day } = data as JobData[JobName.DailyReset];
    this.days.push(day);
    if (day === 'first') {
      await this.queue.add([{ name: JobName.DailyReset, data: { day: 'second' }, id: 'second' }]);
    }
  }
}

async function compile(config: Partial<AppConfig>, driver?: JobQueueDriver) {
  let builder = Test.createTestingModule({
    imports: [
      ConfigModule.forRoot({ queuePrefix: 'tradebot', ...config } as AppConfig),
      QueueModule.forFeature({ name: QueueName.BotJobs }),
    ],
    providers: [
      FollowUpHandler,
      jobWorker({ queue: QueueName.BotJobs, handler: FollowUpHandler, concurrency: () => 2 }),
    ],
  });
  if (driver) builder = builder.overrideProvider(token).useValue(driver);
  return builder.compile();
}

describe('jobWorker', () => {
  it('runs the in-process queue with a handler that enqueues into it, once the app is up', async () => {
    const moduleRef = await compile({ jobConcurrency: 0 });
    const queue = moduleRef.get<InProcessJobQueue>(token);
    const handler = moduleRef.get(FollowUpHandler);
    await queue.add([{ name: JobName.DailyReset, data: { day: 'first' }, id: 'first' }]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(handler.days).toEqual([]);

    await moduleRef.init();
    await queue.whenIdle();
    expect(handler.days).toEqual(['first', 'second']);
    await moduleRef.close();
  });

  it('leaves Bull jobs to the workers in a process with JOB_CONCURRENCY=0', async () => {
    const processed: number[] = [];
    const bull = { backend: 'bull', process: (_h: JobHandler, n: number) => processed.push(n) };
    const apiOnly = await compile({ jobConcurrency: 0 }, bull as unknown as JobQueueDriver);
    await apiOnly.init();
    const worker = await compile({ jobConcurrency: 4 }, bull as unknown as JobQueueDriver);
    await worker.init();

    expect(processed).toEqual([2]);
    await Promise.all([apiOnly.close(), worker.close()]);
  });
});
