import { OptimizationStatus } from '../database/entities/optimization-run.entity';
import { chunkSize } from './optimization-coordinator.service';
import { etaMs, optimizationView } from './optimization-view';

describe('etaMs', () => {
  const startedAt = new Date(10_000);
  const run = {
    status: OptimizationStatus.Running,
    startedAt,
    progressDone: 25,
    progressTotal: 100,
  };

  it('is the time left at the rate so far', () => {
    // 25 points in 5 s: 75 more take 15 s.
    expect(etaMs(run, 15_000)).toBe(15_000);
  });

  it('is null before the first point and once the run has ended', () => {
    expect(etaMs({ ...run, progressDone: 0 }, 15_000)).toBeNull();
    expect(etaMs({ ...run, status: OptimizationStatus.Cancelled }, 15_000)).toBeNull();
  });
});

describe('chunkSize', () => {
  it('bounds a chunk by its candles, so a cancel stops the work within a second', () => {
    expect(chunkSize(10_000, 525_600)).toBe(1);
    expect(chunkSize(10_000, 20_000)).toBe(20);
  });

  it('cuts a batch into several chunks, for every thread and worker', () => {
    expect(chunkSize(88, 10_000)).toBe(11);
    expect(chunkSize(200, 20_000)).toBe(20);
    expect(chunkSize(1, 3_000)).toBe(1);
  });

  it('keeps a small batch in one chunk: spreading it would cost more than its work', () => {
    expect(chunkSize(9, 720)).toBe(9);
    expect(chunkSize(12, 3_000)).toBe(12);
    // 50,000 candles at least: 17 points of 3,000.
    expect(chunkSize(40, 3_000)).toBe(17);
  });
});

describe('optimizationView', () => {
  const equity = [
    { time: 1, value: '10000' },
    { time: 2, value: '10010' },
  ];
  const run = {
    id: 'run',
    userId: 'user',
    status: OptimizationStatus.Done,
    error: null,
    strategy: 'ema-rsi',
    method: 'grid',
    objective: 'sharpe',
    seed: null,
    candles: 3000,
    progressDone: 15,
    progressTotal: 15,
    best: null,
    results: [],
    folds: [],
    walkForward: { mode: 'rolling', efficiency: 0.5, equity },
    heartbeatAt: null,
    createdAt: new Date(0),
    startedAt: new Date(0),
    finishedAt: new Date(1),
  };

  it('shows the run whole, the stitched curve with it', () => {
    expect(optimizationView(run, 0)).toMatchObject({ walkForward: { equity }, folds: [] });
  });

  it('lists the run without its results, folds or stitched curve', () => {
    const listed = optimizationView(run, 0, true);
    expect(listed.walkForward).toEqual({ mode: 'rolling', efficiency: 0.5 });
    expect(listed).not.toHaveProperty('results');
    expect(listed).not.toHaveProperty('folds');
  });
});
