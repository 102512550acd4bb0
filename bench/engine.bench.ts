import 'reflect-metadata';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import Bull from 'bull';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { BotStatus } from '../src/kernel/bot.enums';
import { dataSourceOptions } from '../src/database/data-source-options';
import { runMigrationsLocked } from '../src/database/run-migrations';
import { lastClosedSlot } from '../src/kernel/candle';
import { JOB_OPTIONS, JobName, jobId, QueueName } from '../src/queue/queue.constants';
import { insertPaperBot } from '../test/factories/bot.factory';
import { goalLine, recordBenchmark } from './benchmarks-file';

/**
 * Engine throughput: running paper bots ticked through Bull by real worker processes
 * (`node dist/src/worker.js`, as in production) against local PostgreSQL and Redis, beside
 * two ceilings measured in the same run: Bull running no-op jobs, and a pgbench-style
 * transaction that takes the same row lock. Then the scale-out figure: two workers, twice
 * the bots.
 */
const BOTS = Number(process.env.BENCH_BOTS ?? 1000);
const SLOTS = Number(process.env.BENCH_SLOTS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'BNBUSDT', 'SOLUSDT', 'XRPUSDT'];
const MINUTE = 60_000;
const ROOT = join(__dirname, '..');

interface TickRun {
  ticksPerSecond: number;
  /** Each worker's peak resident memory (VmHWM), bytes. */
  peakRss: number[];
}

async function main(): Promise<void> {
  // The workers run the compiled app, as `npm run start:worker` does.
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-if-changed.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const name = `tradebot_bench_${Date.now()}`;
  const databaseUrl = await createDatabase(name);
  try {
    // Two runs of SLOTS + 1 past one-minute slots each, the second after the first.
    const firstSlot = lastClosedSlot('1m', Date.now()) - 2 * (SLOTS + 1) * MINUTE;
    await insertBots(databaseUrl, BOTS);
    const one = await measureTicks(databaseUrl, name, 1, BOTS, firstSlot);
    await insertBots(databaseUrl, BOTS);
    const two = await measureTicks(
      databaseUrl,
      `${name}_two`,
      2,
      2 * BOTS,
      firstSlot + (SLOTS + 1) * MINUTE,
    );
    const bull = await measureBullNoop(name);
    const locks = await measureLockTransactions(databaseUrl);
    const ceiling = Math.min(bull, locks);
    const ratio = one.ticksPerSecond / ceiling;
    const rss = one.peakRss[0] / 2 ** 20;
    const lines = [
      `- machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`,
      `- ${BOTS} running paper bots on ${SYMBOLS.length} symbols, ${SLOTS} candle slots (median), one worker process (\`dist/src/worker.js\`, JOB_CONCURRENCY ${CONCURRENCY})`,
      `- engine: **${one.ticksPerSecond.toFixed(0)} ticks/s** (every tick: shared candles, its own transaction and NOWAIT lock, the decision, the state written)`,
      `- Bull no-op jobs: ${bull.toFixed(0)} jobs/s`,
      `- lock transaction (BEGIN; SELECT … FOR UPDATE NOWAIT; UPDATE; COMMIT), ${CONCURRENCY} clients: ${locks.toFixed(0)} tx/s`,
      `- worker peak RSS (VmHWM): ${rss.toFixed(0)} MiB`,
      `- scale-out: two worker processes, ${2 * BOTS} bots: **${two.ticksPerSecond.toFixed(0)} ticks/s**, peak RSS ${two.peakRss.map((bytes) => (bytes / 2 ** 20).toFixed(0)).join(' and ')} MiB`,
      goalLine('engine ratio', ratio, 0.5, 'at least'),
      goalLine('worker peak RSS (MiB)', rss, 250, 'at most'),
    ];
    console.log(lines.join('\n'));
    recordBenchmark('Engine', 'npm run bench (bench/engine.bench.ts)', lines);
  } finally {
    await dropDatabase(name);
  }
}

async function insertBots(databaseUrl: string, count: number): Promise<void> {
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
  for (let i = 0; i < count; i++) {
    await insertPaperBot(
      dataSource,
      { symbol: SYMBOLS[i % SYMBOLS.length], interval: '1m', stopLossPct: '2', takeProfitPct: '4' },
      { status: BotStatus.Running },
    );
  }
  await dataSource.destroy();
}

/** Ticks every bot for SLOTS + 1 one-minute slots from `base`, through `workers` processes. */
async function measureTicks(
  databaseUrl: string,
  prefix: string,
  workers: number,
  bots: number,
  base: number,
): Promise<TickRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tradebot-bench-'));
  const children = await Promise.all(
    Array.from({ length: workers }, () => startWorker(databaseUrl, prefix, dataDir)),
  );
  const queue = new Bull(QueueName.BotJobs, REDIS_URL, { prefix });
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const rates: number[] = [];
    // The first slot warms the workers up (JIT, connections, candle caches): not counted.
    for (let s = 0; s <= SLOTS; s++) {
      const slot = base + s * MINUTE;
      const started = performance.now();
      // As the candle-close scheduler enqueues them: one tick group per symbol and interval.
      await queue.addBulk(
        SYMBOLS.map((symbol) => {
          const data = { symbol, interval: '1m', slot };
          return {
            name: JobName.TickGroup,
            data,
            opts: { ...JOB_OPTIONS[JobName.TickGroup], jobId: jobId.tickGroup(data) },
          };
        }),
      );
      while ((await ticked(db, slot)) < bots) await sleep(10);
      if (s > 0) rates.push(bots / ((performance.now() - started) / 1000));
    }
    return { ticksPerSecond: median(rates), peakRss: children.map(peakRss) };
  } finally {
    await db.end();
    await queue.obliterate({ force: true });
    await queue.close();
    await Promise.all(children.map(stopWorker));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function ticked(db: Client, slot: number): Promise<number> {
  const result = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM bot_state WHERE last_slot = $1',
    [String(slot)],
  );
  return result.rows[0].n;
}

/** A worker process of the built app; resolves once it consumes jobs. */
function startWorker(databaseUrl: string, prefix: string, dataDir: string): Promise<ChildProcess> {
  // For a profile of the workers: BENCH_WORKER_NODE_ARGS='--cpu-prof --cpu-prof-dir=…'.
  const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist', 'src', 'worker.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      DATA_DIR: dataDir,
      JWT_SECRET: 'bench-jwt-secret-that-is-long-enough-012345',
      CREDENTIALS_KEY: 'b'.repeat(64),
      ADMIN_EMAIL: 'bench@tradebot.test',
      ADMIN_PASSWORD: 'bench-password',
      CRON_ENABLED: 'false',
      JOB_CONCURRENCY: String(CONCURRENCY),
      NODE_ENV: 'production',
      // Production's defaults: JSON lines at `log`, drained below (the readiness line is one).
      LOG_FORMAT: 'json',
      // Nothing listens there: paper bots tick on the simulated feed, no network wait.
      BINANCE_BASE_URL: 'http://127.0.0.1:1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker started')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${output}`)));
  });
}

function peakRss(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kib = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return Number(kib) * 1024;
}

async function stopWorker(child: ChildProcess): Promise<void> {
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function measureBullNoop(prefix: string): Promise<number> {
  const queue = new Bull('bench-noop', REDIS_URL, { prefix });
  const jobs = 5000;
  let done = 0;
  const finished = new Promise<void>((resolve) => {
    void queue.process(CONCURRENCY, async () => {
      if (++done === jobs) resolve();
    });
  });
  const started = performance.now();
  await queue.addBulk(
    Array.from({ length: jobs }, (_, i) => ({
      data: { i },
      opts: { jobId: `noop:${i}`, removeOnComplete: true },
    })),
  );
  await finished;
  const rate = jobs / ((performance.now() - started) / 1000);
  await queue.obliterate({ force: true });
  await queue.close();
  return rate;
}

async function measureLockTransactions(databaseUrl: string): Promise<number> {
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
  const ids: string[] = (await dataSource.query('SELECT id FROM bot_state')).map(
    (row: { id: string }) => row.id,
  );
  await dataSource.destroy();
  const clients = await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  const seconds = 5;
  const deadline = performance.now() + seconds * 1000;
  let transactions = 0;
  await Promise.all(
    clients.map(async (client, c) => {
      for (let i = c; performance.now() < deadline; i += CONCURRENCY) {
        const id = ids[i % ids.length];
        await client.query('BEGIN');
        try {
          await client.query('SELECT * FROM bot_state WHERE id = $1 FOR UPDATE NOWAIT', [id]);
          await client.query('UPDATE bot_state SET last_tick_at = now() WHERE id = $1', [id]);
          await client.query('COMMIT');
          transactions++;
        } catch {
          await client.query('ROLLBACK');
        }
      }
    }),
  );
  await Promise.all(clients.map((client) => client.end()));
  return transactions / seconds;
}

async function createDatabase(name: string): Promise<string> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const dataSource = await new DataSource(dataSourceOptions(url.toString())).initialize();
  await runMigrationsLocked(dataSource);
  await dataSource.destroy();
  return url.toString();
}

async function dropDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
