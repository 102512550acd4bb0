import {
  describeRun,
  duration,
  foldsTable,
  progressBar,
  progressLine,
  resultsTable,
  type RunView,
  runsTable,
  watchRun,
} from './optimize-output';

const point = (params: Record<string, number | string>, score: number | null, returnPct = '1.5') =>
  ({
    params,
    score,
    metrics: { returnPct, maxDrawdownPct: '3.25', roundTrips: 4 },
    ...(score === null ? { rejected: 'minTrades' } : {}),
  }) as unknown as NonNullable<RunView['best']>;

const view = (fields: Partial<RunView> = {}): RunView => ({
  id: 'run-1',
  status: 'done',
  error: null,
  strategy: 'ema-rsi',
  method: 'grid',
  objective: 'sharpe',
  seed: null,
  candles: 720,
  createdAt: '2026-12-07T10:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  progress: { done: 12, total: 12, etaMs: null },
  best: point({ emaFast: 5, emaSlow: 20 }, 1.23456),
  results: [],
  folds: null,
  walkForward: null,
  ...fields,
});

describe('progress', () => {
  it('draws a bar with the count, the percentage and the ETA', () => {
    expect(progressBar({ done: 35, total: 100, etaMs: 12_400 })).toBe(
      '[#######.............]  35/100  35 %  ETA 12 s',
    );
    expect(progressBar({ done: 0, total: 0, etaMs: null }, 4)).toBe('[....]  0/0  0 %');
    // A cell fills once wholly done: 2 of 3 is 2.67 cells of 4, 66 %.
    expect(progressBar({ done: 2, total: 3, etaMs: null }, 4)).toBe('[##..]  2/3  66 %');
    expect(progressBar({ done: 9, total: 9, etaMs: 0 }, 4)).toBe('[####]  9/9  100 %  ETA 0 s');
  });

  it('writes a plain line for logs, and durations people read', () => {
    expect(
      progressLine(view({ status: 'running', progress: { done: 3, total: 12, etaMs: 185_000 } })),
    ).toBe('running: 3/12 points, ETA 3 min 05 s');
    expect(duration(3_720_000)).toBe('1 h 02 min');
  });
});

describe('the report', () => {
  it('names the run and its best params', () => {
    const text = describeRun(view({ seed: 7, method: 'tpe' }));
    expect(text).toContain('method         tpe, seed 7\n');
    expect(text).toContain('best score     1.2346\n');
    expect(text).toContain('best params    emaFast=5 emaSlow=20\n');
    expect(text).toContain('best return %  1.50\n');
    expect(describeRun(view({ status: 'failed', error: 'boom', best: null }))).toContain(
      'error      boom\n',
    );
  });

  it('tables the first ten results in the order given, one column per param', () => {
    const results = Array.from({ length: 12 }, (_, i) =>
      point({ emaFast: i + 2, kind: 'ema' }, 12 - i),
    );
    results[1] = point({ emaFast: 99, kind: 'sma' }, null, '-2');
    const lines = resultsTable(results).trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[0].split(/\s{2,}/)).toEqual([
      '#',
      'SCORE',
      'EMAFAST',
      'KIND',
      'RETURN %',
      'MAX DD %',
      'TRADES',
    ]);
    expect(lines[1].split(/\s{2,}/)).toEqual(['1', '12.0000', '2', 'ema', '1.50', '3.25', '4']);
    expect(lines[2].split(/\s{2,}/)).toEqual([
      '2',
      '- (minTrades)',
      '99',
      'sma',
      '-2.00',
      '3.25',
      '4',
    ]);
    expect(lines[10].startsWith('10 ')).toBe(true);
  });

  it('tables the folds and the runs', () => {
    const folds = foldsTable([
      {
        index: 0,
        train: { from: 0, to: 300 },
        test: { from: 300, to: 400 },
        best: { params: { a: 1 }, inScore: 2, outScore: 0.5 },
      },
      { index: 1, train: { from: 100, to: 400 }, test: { from: 400, to: 500 }, best: null },
    ] as unknown as NonNullable<RunView['folds']>);
    expect(folds.split('\n')[1].split(/\s{2,}/)).toEqual([
      '1',
      '0-300',
      '300-400',
      '2.0000',
      '0.5000',
      'a=1',
    ]);
    expect(folds.split('\n')[2].split(/\s{2,}/)).toEqual([
      '2',
      '100-400',
      '400-500',
      '-',
      '-',
      'none scored',
    ]);
    expect(
      runsTable([view()])
        .split('\n')[1]
        .split(/\s{2,}/),
    ).toEqual([
      'run-1',
      '2026-12-07T10:00:00.000Z',
      'ema-rsi',
      'grid',
      'sharpe',
      'done',
      '12/12',
      '1.2346',
    ]);
  });
});

describe('watchRun', () => {
  it('asks until the run ends, showing every answer, waiting between questions', async () => {
    const answers = [
      view({ status: 'queued', progress: { done: 0, total: 4, etaMs: null } }),
      view({ status: 'running', progress: { done: 2, total: 4, etaMs: 1000 } }),
      view({ status: 'cancelled', progress: { done: 3, total: 4, etaMs: null } }),
      view(),
    ];
    const shown: string[] = [];
    let waits = 0;
    const final = await watchRun(
      () => Promise.resolve(answers.shift()!),
      (seen) => shown.push(seen.status),
      () => {
        waits++;
        return Promise.resolve();
      },
    );
    expect(final.status).toBe('cancelled');
    expect(shown).toEqual(['queued', 'running', 'cancelled']);
    expect(waits).toBe(2);
  });
});
