import type { Schemas } from './api-client';
import { progressLine } from './data.commands';

const state = (done: number, total: number): Schemas['DownloadDto'] => ({
  id: '00000000-0000-4000-8000-000000000000',
  symbol: 'BTCUSDT',
  interval: '1m',
  startTime: 0,
  endTime: 0,
  status: 'running',
  done,
  total,
  error: null,
});

describe('progressLine', () => {
  it('draws a bar of the share done, with the counts grouped', () => {
    expect(progressLine(state(236_520, 525_600), 10)).toBe(
      'BTCUSDT 1m [####......] 45% 236,520/525,600',
    );
    expect(progressLine(state(525_600, 525_600), 10)).toBe(
      'BTCUSDT 1m [##########] 100% 525,600/525,600',
    );
  });

  it('leaves the bar out at width 0, and counts nothing to fetch as done', () => {
    expect(progressLine(state(0, 1000), 0)).toBe('BTCUSDT 1m 0% 0/1,000');
    expect(progressLine(state(0, 0), 4)).toBe('BTCUSDT 1m [####] 100% 0/0');
  });
});
