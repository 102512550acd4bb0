import { OptimizationStatus } from '../../src/database/entities/optimization-run.entity';
import { OptimizationRunRepository } from '../../src/database/repositories/optimization-run.repository';
import { OptimizationChunkHandler } from '../../src/optimization/optimization-chunk.handler';
import { walkRows } from '../factories/candle-rows';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { testOptions } from '../fake-binance/test-universe';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';
import { itOn } from '../utils/test-env';
import { waitFor } from '../utils/wait-for';

const START = Date.UTC(2026, 0, 1);
const CANDLES = walkRows(START, 3000);
const RISK = { positionSizeQuote: '500', stopLossPct: '1', takeProfitPct: '2' };
const BACKTEST = { strategy: 'ema-rsi', strategyParams: { rsiPeriod: 5 }, risk: RISK };
/** 4 × 3 points. */
const GRID = { emaFast: { min: 3, max: 6, step: 1 }, emaSlow: { values: [10, 15, 20] } };

type Params = Record<string, number | string | boolean>;
interface Point {
  params: Params;
  metrics: Record<string, unknown>;
  score: number | null;
  rejected?: string;
}
interface Window {
  from: number;
  to: number;
  startTime: number;
  endTime: number;
}
interface Fold {
  index: number;
  train: Window;
  test: Window;
  best: {
    params: Params;
    inSample: Record<string, unknown>;
    outOfSample: Record<string, unknown>;
    inScore: number | null;
    outScore: number | null;
  } | null;
  reason?: string;
}
interface View {
  id: string;
  status: string;
  error: string | null;
  seed: number | null;
  progress: { done: number; total: number; etaMs: number | null };
  best: Point | null;
  results: Point[];
  folds: Fold[] | null;
  walkForward: {
    mode: string;
    efficiency: number | null;
    equity: { time: number; value: string }[];
  } | null;
}

/** The backtest request of a point: its params merged in as the contract says. */
function withParams(
  backtest: typeof BACKTEST & Record<string, unknown>,
  params: Params,
): Record<string, unknown> {
  const strategyParams: Params = { ...backtest.strategyParams };
  const risk: Record<string, unknown> = { ...backtest.risk };
  for (const [key, value] of Object.entries(params)) {
    if (key.startsWith('risk.')) risk[key.slice(5)] = value;
    else strategyParams[key] = value;
  }
  return { ...backtest, strategyParams, risk };
}

/**
 * The grid, the ranged and simulated searches and the cancel run on both targets (in process
 * and on Bull); what the queue does not touch (the search's rules, checks and storage) on the
 * embedded default only, which keeps the scale-out lane, the longest, shorter.
 */
describe('optimizations', () => {
  let testApp: TestApp;
  let auth: { Authorization: string };
  let other: { Authorization: string };

  let exchange: FakeBinanceServer;

  beforeAll(async () => {
    exchange = new FakeBinanceServer(testOptions());
    exchange.setPricePath('ETHUSDT', (step) => 3000 * (1 + 0.02 * Math.sin(step / 9)), {
      interval: '1m',
      startTime: START,
    });
    testApp = await createTestApp({ BINANCE_BASE_URL: await exchange.start() });
    const admin = await adminLogin(testApp.http);
    auth = { Authorization: `Bearer ${(await createUser(testApp.http, admin)).token}` };
    other = { Authorization: `Bearer ${(await createUser(testApp.http, admin)).token}` };
  });

  afterAll(async () => {
    await testApp?.close();
    await exchange.stop();
  });

  const start = async (body: object): Promise<View> => {
    const response = await testApp.http.post('/api/optimizations').set(auth).send(body);
    expect(response.status).toBe(202);
    return response.body as View;
  };
  const get = async (id: string): Promise<View> =>
    (await testApp.http.get(`/api/optimizations/${id}`).set(auth).expect(200)).body as View;
  const finished = (id: string) =>
    waitFor(async () => {
      const view = await get(id);
      return view.status === 'queued' || view.status === 'running' ? undefined : view;
    }, `optimization ${id} to finish`);
  const backtest = async (body: Record<string, unknown>) => {
    const response = await testApp.http.post('/api/backtests').set(auth).send(body);
    expect(response.status).toBe(200);
    return response.body.metrics as Record<string, unknown>;
  };

  it('runs a 4×3 grid: 12 scored points ordered by the objective, each equal to its plain backtest', async () => {
    const started = await start({ backtest: { ...BACKTEST, candles: CANDLES }, space: GRID });
    expect(started.status).toMatch(/^(queued|running)$/);
    const view = await finished(started.id);
    expect(view).toMatchObject({ status: 'done', error: null, progress: { done: 12, total: 12 } });
    expect(view.results).toHaveLength(12);
    expect(view.results.every((point) => point.score !== null)).toBe(true);
    const scores = view.results.map((point) => point.score!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const point of view.results) {
      expect(point.score).toBe(Number(point.metrics.sharpe));
      const metrics = await backtest({ ...withParams(BACKTEST, point.params), candles: CANDLES });
      expect(point.metrics).toEqual(metrics);
    }
    expect(view.best).toEqual(view.results[0]);
    const params = view.results.map((point) => `${point.params.emaFast}/${point.params.emaSlow}`);
    expect(new Set(params).size).toBe(12);
  });

  it('searches a ranged backtest over the fetched candles, and a simulated one offline, as their backtests run', async () => {
    const range = {
      symbol: 'ETHUSDT',
      interval: '1m',
      startTime: START,
      endTime: START + 1_999 * 60_000,
    };
    const space = { emaFast: { values: [3, 5] }, emaSlow: { values: [10, 20] } };
    for (const [request, fetches] of [
      [{ ...BACKTEST, ...range }, true],
      [{ ...BACKTEST, ...range, source: 'simulated', seed: 11 }, false],
    ] as const) {
      exchange.requests.length = 0;
      const body = { backtest: request, space, objective: 'returnPct' };
      const view = await finished((await start(body)).id);
      expect(view).toMatchObject({ status: 'done', candles: 2000, progress: { done: 4 } });
      const klines = exchange.requests.filter((sent) => sent.path === '/api/v3/klines');
      expect(klines.length > 0).toBe(fetches);
      for (const point of view.results) {
        expect(point.metrics).toEqual(await backtest(withParams(request, point.params)));
      }
    }
  });

  itOn('embedded')(
    "walks forward: each fold's in- and out-of-sample metrics are separate backtests of its windows",
    async () => {
      const space = { emaFast: { values: [3, 5] }, emaSlow: { values: [10, 20] } };
      const body = { backtest: { ...BACKTEST, candles: CANDLES }, space, objective: 'returnPct' };
      const view = await finished(
        (await start({ ...body, walkForward: { folds: 3, trainPct: 70 } })).id,
      );
      expect(view).toMatchObject({ status: 'done', progress: { done: 15, total: 15 } });
      expect(view.folds).toHaveLength(3);
      let inSum = 0;
      let outSum = 0;
      let testCandles = 0;
      for (const fold of view.folds!) {
        expect(fold.best).not.toBeNull();
        const { params, inSample, outOfSample, inScore, outScore } = fold.best!;
        const rows = (window: Window) => CANDLES.slice(window.from, window.to);
        expect(fold.train.startTime).toBe(CANDLES[fold.train.from][0]);
        expect(fold.test.endTime).toBe(CANDLES[fold.test.to - 1][0]);
        expect(inSample).toEqual(
          await backtest({ ...withParams(BACKTEST, params), candles: rows(fold.train) }),
        );
        expect(outOfSample).toEqual(
          await backtest({ ...withParams(BACKTEST, params), candles: rows(fold.test) }),
        );
        expect(inScore).toBe(Number(inSample.returnPct));
        expect(outScore).toBe(Number(outOfSample.returnPct));
        inSum += inScore!;
        outSum += outScore!;
        testCandles += fold.test.to - fold.test.from;
      }
      // Rolling: each fold's test window follows its train window, and the next fold's test it.
      const [first, second] = view.folds!;
      expect(first.test.from).toBe(first.train.to);
      expect(second.test.from).toBe(first.test.to);
      expect(view.walkForward!.mode).toBe('rolling');
      expect(view.walkForward!.efficiency).toBeCloseTo(outSum / inSum, 12);
      expect(view.walkForward!.equity).toHaveLength(testCandles);
      // The last fold's train search is the results; its best is the run's best.
      expect(view.results).toHaveLength(4);
      expect(view.best!.params).toEqual(view.folds![2].best!.params);
      // The list carries the walk-forward figures, not the stitched curve.
      const listed = (await testApp.http.get('/api/optimizations').set(auth).expect(200))
        .body as View[];
      const summary = listed.find((run) => run.id === view.id)!;
      expect(summary.walkForward).toEqual({
        mode: 'rolling',
        efficiency: view.walkForward!.efficiency,
      });
      expect(summary).not.toHaveProperty('folds');
    },
  );

  itOn('embedded')(
    'finishes a walk-forward run whose train points are all unscored: each fold says why',
    async () => {
      const space = { emaFast: { values: [3, 5] }, emaSlow: { values: [10, 20] } };
      const body = {
        backtest: { ...BACKTEST, candles: CANDLES.slice(0, 1500) },
        space,
        constraints: { minTrades: 100_000 },
        walkForward: { folds: 2, trainPct: 70 },
      };
      const view = await finished((await start(body)).id);
      // A fold without a best runs no test point: its train points are all of its progress.
      expect(view).toMatchObject({
        status: 'done',
        error: null,
        best: null,
        progress: { done: 8, total: 8 },
      });
      expect(view.folds).toHaveLength(2);
      for (const fold of view.folds!) {
        expect(fold.best).toBeNull();
        expect(fold.reason).toMatch(
          /^no train point was scored \(the first: \d+ round trips, fewer than minTrades \(100000\)\)$/,
        );
      }
      expect(view.walkForward).toEqual({ mode: 'rolling', efficiency: null, equity: [] });
    },
  );

  it('stores chunks that finish at the same time, each counted once', async () => {
    const done = await finished(
      (await start({ backtest: { ...BACKTEST, candles: CANDLES.slice(0, 500) }, space: GRID })).id,
    );
    // A running run that no coordinator drives: the chunks below are all its points.
    const [{ id }] = (await testApp.dataSource.query(
      `INSERT INTO optimization_run (user_id, status, strategy, method, objective, candles, request,
         symbol_filters, candle_rows, progress_total, heartbeat_at, started_at)
       SELECT user_id, 'running', strategy, method, objective, candles, request, symbol_filters,
         candle_rows, 16, now(), now()
       FROM optimization_run WHERE id = $1 RETURNING id`,
      [done.id],
    )) as { id: string }[];
    const runs = testApp.app.get(OptimizationRunRepository);
    const added = await Promise.all(
      Array.from({ length: 16 }, (_, seq) =>
        runs.addPoints(
          id,
          'search',
          [{ seq, params: { emaFast: seq }, metrics: null, score: null }],
          'w',
        ),
      ),
    );
    expect(added).toEqual(Array(16).fill(1));
    expect((await get(id)).progress).toMatchObject({ done: 16, total: 16 });
    await runs.end(id, OptimizationStatus.Cancelled, null);
  });

  itOn('embedded')(
    'draws random and tpe points from the seed: the same seed, the same run',
    async () => {
      const space = {
        emaFast: { min: 2, max: 9, step: 1 },
        emaSlow: { min: 10, max: 30, step: 2 },
      };
      const body = { backtest: { ...BACKTEST, candles: CANDLES.slice(0, 1500) }, space };
      for (const [method, trials] of [
        ['random', 6],
        ['tpe', 14],
      ] as const) {
        const runs = await Promise.all([
          start({ ...body, method, trials, seed: 42 }),
          start({ ...body, method, trials, seed: 42 }),
        ]);
        const [a, b] = await Promise.all(runs.map((run) => finished(run.id)));
        expect(a).toMatchObject({ status: 'done', seed: 42, progress: { done: trials } });
        expect(a.results).toHaveLength(trials);
        expect(b.results).toEqual(a.results);
        const other = await finished((await start({ ...body, method, trials, seed: 43 })).id);
        expect(other.results.map((point) => point.params)).not.toEqual(
          a.results.map((point) => point.params),
        );
      }
      const drawn = await finished((await start({ ...body, method: 'random', trials: 2 })).id);
      expect(drawn.seed).toEqual(expect.any(Number));
    },
  );

  itOn('embedded')('names the field of every bad request (400)', async () => {
    const backtest = { ...BACKTEST, candles: CANDLES.slice(0, 100) };
    const cases: [object, string][] = [
      [{ backtest, space: { nope: { values: [1] } } }, 'space.nope'],
      [{ backtest, space: { emaFast: { min: 3, max: 6, step: 0 } } }, 'space.emaFast.step'],
      [
        { backtest: { ...backtest, risk: { ...RISK, stopLossPct: 'x' } }, space: GRID },
        'backtest.risk.stopLossPct',
      ],
      [{ backtest, space: GRID, walkForward: { folds: 1, trainPct: 70 } }, 'walkForward.folds'],
      [{ backtest, space: GRID, trials: 5 }, 'trials'],
      [{ backtest, space: GRID, method: 'random' }, 'trials'],
      [
        {
          backtest,
          space: { emaFast: { min: 2, max: 200, step: 1 }, emaSlow: { min: 2, max: 200, step: 1 } },
        },
        'space',
      ],
      [
        { backtest: { ...backtest, candles: [[1, '2', '1', '3', '2', '1', 2]] }, space: GRID },
        'backtest.candles[0]',
      ],
    ];
    for (const [body, field] of cases) {
      const response = await testApp.http.post('/api/optimizations').set(auth).send(body);
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(
        (response.body as { errors: { field: string }[] }).errors.map((e) => e.field),
      ).toContain(field);
    }
  });

  itOn('embedded')("shows a user only their own runs: another user's is a 404", async () => {
    const mine = await start({
      backtest: { ...BACKTEST, candles: CANDLES.slice(0, 500) },
      space: GRID,
    });
    await testApp.http.get(`/api/optimizations/${mine.id}`).set(other).expect(404);
    await testApp.http.delete(`/api/optimizations/${mine.id}`).set(other).expect(404);
    const theirs = (await testApp.http.get('/api/optimizations').set(other).expect(200))
      .body as View[];
    expect(theirs).toEqual([]);
    const listed = (await testApp.http.get('/api/optimizations').set(auth).expect(200))
      .body as View[];
    expect(listed[0].id).toBe(mine.id);
    expect(listed[0]).not.toHaveProperty('results');
    await finished(mine.id);
  });

  it('cancels a running run within a second; no point is stored after', async () => {
    const rows = walkRows(START, 20_000);
    const space = { emaFast: { min: 2, max: 41, step: 1 }, emaSlow: { min: 50, max: 74, step: 1 } };
    const run = await start({ backtest: { ...BACKTEST, candles: rows }, space });
    await waitFor(async () => ((await get(run.id)).progress.done > 0 ? true : undefined), 'points');
    const asked = Date.now();
    const cancelled = await testApp.http
      .delete(`/api/optimizations/${run.id}`)
      .set(auth)
      .expect(200);
    expect(Date.now() - asked).toBeLessThan(1000);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', error: null });
    const stored = async () =>
      Number(
        (
          (await testApp.dataSource.query(
            'SELECT count(*) AS n FROM optimization_point WHERE run_id = $1',
            [run.id],
          )) as { n: string }[]
        )[0].n,
      );
    const atCancel = await stored();
    expect(atCancel).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await stored()).toBe(atCancel);
    expect((await get(run.id)).progress.done).toBe(atCancel);
  });

  itOn('embedded')(
    'fails the runs a restart interrupted, with the reason, and keeps the finished ones',
    async () => {
      const done = await finished(
        (await start({ backtest: { ...BACKTEST, candles: CANDLES }, space: GRID })).id,
      );
      const rows = walkRows(START, 20_000);
      const space = {
        emaFast: { min: 2, max: 41, step: 1 },
        emaSlow: { min: 50, max: 74, step: 1 },
      };
      const running = await start({ backtest: { ...BACKTEST, candles: rows }, space });
      await waitFor(
        async () => ((await get(running.id)).status === 'running' ? true : undefined),
        'a running run',
      );
      // A process that died without its shutdown: a running run whose heartbeat stopped.
      const [{ id: crashed }] = (await testApp.dataSource.query(
        `INSERT INTO optimization_run (user_id, status, strategy, method, objective, candles, request,
         symbol_filters, candle_rows, progress_total, heartbeat_at, started_at)
       SELECT user_id, 'running', strategy, method, objective, candles, request, symbol_filters,
         candle_rows, progress_total, now() - interval '1 hour', now() - interval '1 hour'
       FROM optimization_run WHERE id = $1 RETURNING id`,
        [done.id],
      )) as { id: string }[];
      await testApp.close();
      testApp = await createTestApp();
      const reason = 'the server stopped while it ran';
      expect(await get(running.id)).toMatchObject({ status: 'failed', error: reason });
      expect(await get(crashed)).toMatchObject({ status: 'failed', error: reason });
      expect(await get(done.id)).toEqual(done);
    },
  );
});

describe('optimizations in a scale-out', () => {
  const apps: TestApp[] = [];

  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  itOn('scale-out')('spreads the chunks over two processes', async () => {
    // The API accepts, coordinates and runs jobs, as one of two Bull workers.
    const api = await createTestApp();
    apps.push(api, await createTestApp());
    const user = await createUser(api.http, await adminLogin(api.http));
    const space = { emaFast: { min: 2, max: 9, step: 1 }, emaSlow: { min: 10, max: 30, step: 2 } };
    const body = { backtest: { ...BACKTEST, candles: walkRows(START, 10_000) }, space };
    const auth = { Authorization: `Bearer ${user.token}` };
    const created = await api.http.post('/api/optimizations').set(auth).send(body).expect(202);
    const id = (created.body as View).id;
    const view = await waitFor(async () => {
      const got = (await api.http.get(`/api/optimizations/${id}`).set(auth).expect(200))
        .body as View;
      return got.status === 'done' ? got : undefined;
    }, 'the run');
    expect(view.progress.done).toBe(88);
    const workers = (await api.dataSource.query(
      'SELECT worker, count(*)::int AS n FROM optimization_point WHERE run_id = $1 GROUP BY worker',
      [id],
    )) as { worker: string; n: number }[];
    const ids = apps.map((app) => app.app.get(OptimizationChunkHandler).workerId);
    expect(workers.map((row) => row.worker).sort()).toEqual([...ids].sort());
  });
});
