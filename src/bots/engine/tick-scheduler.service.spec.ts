import { jest } from '@jest/globals';
import { loadConfig } from '../../config/app-config';
import type {
  BotConfigRepository,
  TickGroupKey,
} from '../../database/repositories/bot-config.repository';
import type { Interval } from '../../kernel/interval';
import { RecordingQueue } from '../../queue/testing/recording-queue';
import { TickSchedulerService } from './tick-scheduler.service';

/** The symbol and interval pairs the bots that tick are on, as the repository gives them. */
const TICKING: TickGroupKey[] = [
  { symbol: 'ETHUSDT', interval: '1m' },
  { symbol: 'BTCUSDT', interval: '1m' },
  { symbol: 'ETHUSDT', interval: '5m' },
  { symbol: 'ETHUSDT', interval: '1h' },
];

/** A scheduler started a moment before `bootAt`'s next boundaries. */
function schedulerBootedAt(bootAt: string) {
  jest.useFakeTimers({ now: Date.parse(bootAt), doNotFake: ['nextTick', 'setImmediate'] });
  const configs = {
    // The repository's filter: only the groups on the intervals asked for.
    findTickGroups: jest.fn((intervals: readonly Interval[]) =>
      Promise.resolve(TICKING.filter((group) => intervals.includes(group.interval))),
    ),
  };
  const queue = new RecordingQueue();
  const scheduler = new TickSchedulerService(
    configs as unknown as BotConfigRepository,
    queue,
    loadConfig({}),
  );
  scheduler.onApplicationBootstrap();
  return { scheduler, configs, queue };
}

describe('TickSchedulerService', () => {
  afterEach(() => jest.useRealTimers());

  it('queues one tick group per symbol and interval whose candle just closed, its id naming the slot', async () => {
    const { scheduler, configs, queue } = schedulerBootedAt('2026-12-07T10:04:59.600Z');
    const now = Date.parse('2026-12-07T10:05:00.000Z');

    await expect(scheduler.enqueueDue(now)).resolves.toBe(3);

    // 10:05 closes a 1s, a 1m and a 5m candle; not a 3m, 15m or 1h one.
    expect(configs.findTickGroups).toHaveBeenCalledWith(['1s', '1m', '5m']);
    expect(queue.added).toEqual([
      {
        name: 'tick-group',
        data: { symbol: 'ETHUSDT', interval: '1m', slot: now },
        id: `tick-group:1m:ETHUSDT:${now}`,
      },
      {
        name: 'tick-group',
        data: { symbol: 'BTCUSDT', interval: '1m', slot: now },
        id: `tick-group:1m:BTCUSDT:${now}`,
      },
      {
        name: 'tick-group',
        data: { symbol: 'ETHUSDT', interval: '5m', slot: now },
        id: `tick-group:5m:ETHUSDT:${now}`,
      },
    ]);
  });

  it('queues nothing, and asks nothing, until another candle closes', async () => {
    const { scheduler, configs, queue } = schedulerBootedAt('2026-12-07T10:04:59.600Z');
    await scheduler.enqueueDue(Date.parse('2026-12-07T10:05:00.000Z'));
    configs.findTickGroups.mockClear();
    queue.added.length = 0;

    await expect(scheduler.enqueueDue(Date.parse('2026-12-07T10:05:00.900Z'))).resolves.toBe(0);
    expect(configs.findTickGroups).not.toHaveBeenCalled();

    // The next second closes only a 1s candle, and no bot ticks on 1s.
    await expect(scheduler.enqueueDue(Date.parse('2026-12-07T10:05:01.000Z'))).resolves.toBe(0);
    expect(configs.findTickGroups).toHaveBeenCalledWith(['1s']);
    expect(queue.added).toEqual([]);
  });

  it('tries the same slots again the next second when the lookup failed', async () => {
    const { scheduler, configs, queue } = schedulerBootedAt('2026-12-07T10:59:59.600Z');
    configs.findTickGroups.mockRejectedValueOnce(new Error('connection lost'));
    const hour = Date.parse('2026-12-07T11:00:00.000Z');

    await expect(scheduler.enqueueDue(hour)).rejects.toThrow('connection lost');
    await expect(scheduler.enqueueDue(hour + 1000)).resolves.toBe(4);

    expect(configs.findTickGroups).toHaveBeenLastCalledWith([
      '1s',
      '1m',
      '3m',
      '5m',
      '15m',
      '30m',
      '1h',
    ]);
    // Each slot is the one that closed at the hour, not the second after it.
    expect(queue.added.map((job) => job.id)).toEqual([
      `tick-group:1m:ETHUSDT:${hour}`,
      `tick-group:1m:BTCUSDT:${hour}`,
      `tick-group:5m:ETHUSDT:${hour}`,
      `tick-group:1h:ETHUSDT:${hour}`,
    ]);
  });
});
