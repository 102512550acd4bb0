import { EventEmitter } from 'node:events';
import type { Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { reportQueueErrors } from './bull-job-queue';

/** Bull's queue and its Redis client, as far as error reporting sees them: emitters. */
function fakeQueue() {
  const queue = Object.assign(new EventEmitter(), { client: new EventEmitter() });
  const lines: string[] = [];
  const logger = {
    error: (message: string) => lines.push(`error ${message}`),
    log: (message: string) => lines.push(`log ${message}`),
  };
  reportQueueErrors(queue as unknown as Queue, logger as unknown as Logger);
  return { queue, lines };
}

const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });

describe('queue error reports', () => {
  it('reports Redis unreachable once per outage, and when it is back', () => {
    const { queue, lines } = fakeQueue();
    for (let attempt = 0; attempt < 5; attempt++) queue.emit('error', refused());
    expect(lines).toEqual([
      'error queue error: Redis unreachable (connect ECONNREFUSED 127.0.0.1:1); retrying quietly',
    ]);
    queue.client.emit('ready');
    queue.client.emit('ready');
    queue.emit('error', refused());
    expect(lines.slice(1)).toEqual([
      'log queue: Redis reachable again',
      'error queue error: Redis unreachable (connect ECONNREFUSED 127.0.0.1:1); retrying quietly',
    ]);
  });

  it('reports every other error as it comes', () => {
    const { queue, lines } = fakeQueue();
    queue.emit('error', new Error('NOSCRIPT No matching script'));
    queue.emit('error', new Error('NOSCRIPT No matching script'));
    expect(lines).toHaveLength(2);
  });
});
