import { JobQueue, type QueueCounts, type QueuedJob } from '../job-queue';

/** The queue port, recording what was added and whose jobs were removed: a unit boundary. */
export class RecordingQueue extends JobQueue {
  readonly added: QueuedJob[] = [];
  readonly removedFor: string[] = [];

  add(jobs: QueuedJob[]): Promise<void> {
    this.added.push(...jobs);
    return Promise.resolve();
  }

  removeBotJobs(botId: string): Promise<void> {
    this.removedFor.push(botId);
    return Promise.resolve();
  }

  counts(): Promise<QueueCounts> {
    return Promise.resolve({ waiting: this.added.length, active: 0, delayed: 0, failed: 0 });
  }
}
