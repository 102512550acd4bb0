import { cpus, loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { walkRows } from '../test/factories/candle-rows';
import { goalLine, recordBenchmark } from './benchmarks-file';
import { post, startBuiltApp } from './built-app';

/**
 * What a parameter search costs against the backtests it replaces, over HTTP on the built
 * app (`node dist/src/main.js`, embedded PostgreSQL, BACKTEST_CONCURRENCY=2): a 200-point
 * grid over 20,000 candles against the same 200 backtests run two at a time, and a
 * 1,000-point grid over a year of one-minute candles.
 */
const SWEEP_CANDLES = 20_000;
const YEAR_CANDLES = 525_600;
const START = Date.UTC(2024, 0, 1);
const BACKTEST = {
  strategy: 'ema-rsi',
  strategyParams: { rsiPeriod: 14 },
  risk: { positionSizeQuote: '500', stopLossPct: '1', takeProfitPct: '2' },
  filters: { stepSize: '0.00001', minQty: '0.00001', minNotional: '5' },
};
/** 20 × 10 = 200 points. */
const SWEEP_SPACE = {
  emaFast: { min: 2, max: 21, step: 1 },
  emaSlow: { min: 30, max: 75, step: 5 },
};
/** 25 × 40 = 1,000 points. */
const YEAR_SPACE = {
  emaFast: { min: 2, max: 26, step: 1 },
  emaSlow: { min: 30, max: 69, step: 1 },
};
/** A small search as a user runs it from the dashboard: 3 × 3 points over 720 candles. */
const SMALL_CANDLES = 720;
const SMALL_SPACE = { emaFast: { values: [5, 9, 13] }, emaSlow: { values: [30, 40, 50] } };
const SMALL_RUNS = 5;

type Params = Record<string, number>;
interface Point {
  params: Params;
  metrics: Record<string, unknown>;
  score: number | null;
}
interface View {
  id: string;
  status: string;
  error: string | null;
  progress: { done: number; total: number };
  best: Point | null;
}

async function main(): Promise<void> {
  const app = await startBuiltApp('optimization', { BACKTEST_CONCURRENCY: '2' });
  try {
    const client = new Client(app.base, app.token);
    const loadBefore = loadavg();

    const rows = walkRows(START, SWEEP_CANDLES);
    const sweepBody = { backtest: { ...BACKTEST, candles: rows }, space: SWEEP_SPACE };
    const points = gridPoints(SWEEP_SPACE);
    const bodies = points.map((params) =>
      Buffer.from(JSON.stringify({ ...withParams(params), candles: rows })),
    );
    // Warm-up: both backtest threads started and their code compiled, for both paths.
    let started = performance.now();
    await client.optimize({
      backtest: { ...BACKTEST, candles: rows },
      space: { emaFast: { values: [5, 9] }, emaSlow: { values: [30, 40] } },
    });
    const coldMs = performance.now() - started;
    await client.backtestsTwoAtATime(bodies.slice(0, 4));

    const small: number[] = [];
    for (let run = 0; run < SMALL_RUNS; run++) {
      const began = performance.now();
      await client.optimize({
        backtest: { ...BACKTEST, candles: rows.slice(0, SMALL_CANDLES) },
        space: SMALL_SPACE,
      });
      small.push(performance.now() - began);
    }
    small.sort((a, b) => a - b);

    started = performance.now();
    await client.backtestsTwoAtATime(bodies);
    const backtestsMs = performance.now() - started;
    started = performance.now();
    const sweep = await client.optimize(sweepBody);
    const gridMs = performance.now() - started;
    await client.checkBest(sweep, rows);
    const ratio = gridMs / backtestsMs;

    const yearRows = walkRows(START, YEAR_CANDLES);
    started = performance.now();
    const year = await client.optimize({
      backtest: { ...BACKTEST, candles: yearRows },
      space: YEAR_SPACE,
    });
    const yearMs = performance.now() - started;
    await client.checkBest(year, yearRows);
    const loadAfter = loadavg();

    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const load = (avg: number[]) => avg.map((value) => value.toFixed(2)).join(' ');
    const lines = [
      `- machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}; load average (1, 5, 15 min) ${load(loadBefore)} before, ${load(loadAfter)} after (a shared machine: figures scale with it)`,
      `- the built app (\`node dist/src/main.js\`, NODE_ENV=production, embedded PostgreSQL), BACKTEST_CONCURRENCY=2; warmed up first (a 4-point search and 4 backtests, so both threads have started)`,
      `- ema-rsi, emaFast × emaSlow 20 × 10 = ${points.length} points over ${SWEEP_CANDLES.toLocaleString('en-US')} 1m candles: the grid (POST /api/optimizations until done) ${s(gridMs)}; the same ${bodies.length} backtests (POST /api/backtests, two at a time) ${s(backtestsMs)}`,
      goalLine('sweep cost ratio', ratio, 1, 'at most'),
      goalLine('sweep cost ratio (stretch)', ratio, 0.5, 'at most'),
      `- a 25 × 40 = ${year.progress.total.toLocaleString('en-US')}-point grid over a year of 1m candles (${YEAR_CANDLES.toLocaleString('en-US')}): **${s(yearMs)}** from the POST to done (sweep cost ratio above: ${ratio.toFixed(2)})`,
      goalLine('year grid seconds', yearMs / 1000, 60, 'at most'),
      `- a 3 × 3 grid over ${SMALL_CANDLES} candles, threads warm, from the POST to done as a client polling every 5 ms sees it: median ${small[Math.floor(SMALL_RUNS / 2)].toFixed(0)} ms, fastest ${small[0].toFixed(0)} ms, slowest ${small[SMALL_RUNS - 1].toFixed(0)} ms (${SMALL_RUNS} runs); the warm-up's 4-point search over ${SWEEP_CANDLES.toLocaleString('en-US')} candles, the first after the start (its thread starting): ${coldMs.toFixed(0)} ms`,
      `- each grid's best point equals POST /api/backtests of its params (checked)`,
    ];
    console.log(lines.join('\n'));
    recordBenchmark(
      'Parameter search over HTTP',
      'npm run bench (bench/optimization.bench.ts)',
      lines,
    );
  } finally {
    await app.close();
  }
}

/** The API as the bench calls it. */
class Client {
  private readonly headers: Record<string, string>;

  constructor(
    private readonly base: string,
    token: string,
  ) {
    this.headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  }

  /** A run from its POST to done. */
  async optimize(body: object): Promise<View> {
    const created = await post(
      `${this.base}/api/optimizations`,
      this.headers,
      Buffer.from(JSON.stringify(body)),
    );
    if (created.status !== 202) {
      throw new Error(`optimization answered ${created.status}: ${created.body.toString()}`);
    }
    const { id } = JSON.parse(created.body.toString()) as View;
    const started = performance.now();
    for (;;) {
      const response = await fetch(`${this.base}/api/optimizations/${id}`, {
        headers: this.headers,
      });
      const view = (await response.json()) as View;
      if (view.status === 'done') return view;
      if (view.status !== 'queued' && view.status !== 'running') {
        throw new Error(`optimization ${id} ended ${view.status}: ${view.error}`);
      }
      // Asked often at first, then a twentieth of the time so far: small beside each figure.
      const wait = Math.min(250, Math.max(5, (performance.now() - started) / 20));
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** Every body through POST /api/backtests, two in flight at a time (both threads). */
  async backtestsTwoAtATime(bodies: Buffer[]): Promise<void> {
    let next = 0;
    const lane = async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        await this.backtest(body);
      }
    };
    await Promise.all([lane(), lane()]);
  }

  /** The run's best point against a plain backtest of its params (the sanity check). */
  async checkBest(view: View, rows: unknown[][]): Promise<void> {
    if (!view.best) throw new Error(`optimization ${view.id} has no best point`);
    const body = Buffer.from(JSON.stringify({ ...withParams(view.best.params), candles: rows }));
    const { metrics } = JSON.parse((await this.backtest(body)).toString()) as {
      metrics: Record<string, unknown>;
    };
    // Key order aside (the run's points are stored as jsonb).
    if (!isDeepStrictEqual(metrics, view.best.metrics)) {
      throw new Error(
        `best point ${JSON.stringify(view.best.params)} differs from its backtest:\n` +
          `${JSON.stringify(view.best.metrics)}\n${JSON.stringify(metrics)}`,
      );
    }
  }

  private async backtest(body: Buffer): Promise<Buffer> {
    const response = await post(`${this.base}/api/backtests`, this.headers, body);
    if (response.status !== 200) {
      throw new Error(`backtest answered ${response.status}: ${response.body.toString()}`);
    }
    return response.body;
  }
}

function withParams(params: Params): Record<string, unknown> {
  return { ...BACKTEST, strategyParams: { ...BACKTEST.strategyParams, ...params } };
}

/** Every point of a space of ranges, as the grid runs them. */
function gridPoints(space: Record<string, { min: number; max: number; step: number }>): Params[] {
  let points: Params[] = [{}];
  for (const [key, { min, max, step }] of Object.entries(space)) {
    const next: Params[] = [];
    for (const point of points) {
      for (let value = min; value <= max; value += step) next.push({ ...point, [key]: value });
    }
    points = next;
  }
  return points;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
