import type { Queue } from 'bull';
import { JobQueue, type QueueCounts, type QueuedJob } from './job-queue';
import { traced } from './job-tracing';
import { JOB_OPTIONS } from './queue.constants';

/** Bull on Redis: shared by every API and worker process, ids de-duplicated by Redis. */
export class BullJobQueue extends JobQueue {
  constructor(private readonly queue: Queue) {
    super();
  }

  async add(jobs: QueuedJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue.addBulk(
      jobs.map(traced).map((job) => ({
        name: job.name,
        data: job.data,
        opts: { ...JOB_OPTIONS[job.name], jobId: job.id },
      })),
    );
  }

  async removeBotJobs(botId: string): Promise<void> {
    const jobs = await this.queue.getJobs(['waiting', 'delayed', 'paused']);
    await Promise.all(
      jobs
        .filter((job) => job && (job.data as { botId?: string }).botId === botId)
        .map((job) => job.remove().catch(() => undefined)),
    );
  }

  async counts(): Promise<QueueCounts> {
    const { waiting, active, delayed, failed } = await this.queue.getJobCounts();
    return { waiting, active, delayed, failed };
  }
}
