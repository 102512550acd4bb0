import 'reflect-metadata';
import { cpus } from 'node:os';
import { NestFactory } from '@nestjs/core';
import Bull from 'bull';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { BotStatus } from '../src/bots/bot.enums';
import { AppConfig, loadConfig } from '../src/config/app-config';
import type { RuntimeConfig } from '../src/config/runtime-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { runMigrationsLocked } from '../src/database/run-migrations';
import { lastClosedSlot } from '../src/exchange/candle';
import { JobQueue } from '../src/queue/job-queue';
import { JobName, jobId } from '../src/queue/queue.constants';
import { insertPaperBot } from '../test/factories/bot.factory';
import { recordBenchmark } from './benchmarks-file';

/**
 * Engine throughput: 1,000 running paper bots ticked through Bull by one worker process
 * against local PostgreSQL and Redis, beside two ceilings measured in the same run: Bull
 * running no-op jobs, and a pgbench-style transaction that takes the same row lock.
 */
const BOTS = Number(process.env.BENCH_BOTS ?? 1000);
const SLOTS = Number(process.env.BENCH_SLOTS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function main(): Promise<void> {
  const name = `tradebot_bench_${Date.now()}`;
  const databaseUrl = await createDatabase(name);
  const peak = trackPeakMemory();
  try {
    const ticks = await measureTicks(databaseUrl, name);
    const bull = await measureBullNoop(name);
    const locks = await measureLockTransactions(databaseUrl);
    const ceiling = Math.min(bull, locks);
    const lines = [
      `- machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`,
      `- ${BOTS} running paper bots, ${SLOTS} candle slots, one worker, Bull concurrency ${CONCURRENCY}`,
      `- engine: **${ticks.toFixed(0)} ticks/s** (median over slots; every tick fetches shared candles, locks, decides, writes state)`,
      `- Bull no-op jobs: ${bull.toFixed(0)} jobs/s`,
      `- lock transaction (BEGIN; SELECT … FOR UPDATE NOWAIT; UPDATE; COMMIT), ${CONCURRENCY} clients: ${locks.toFixed(0)} tx/s`,
      `- ratio to the slower ceiling: ${(ticks / ceiling).toFixed(2)} (target ≥ 0.5)`,
      `- worker peak RSS: ${(peak() / 2 ** 20).toFixed(0)} MiB`,
    ];
    console.log(lines.join('\n'));
    recordBenchmark('Engine', 'npm run bench (bench/engine.bench.ts)', lines);
  } finally {
    await dropDatabase(name);
  }
}

async function measureTicks(databaseUrl: string, prefix: string): Promise<number> {
  const config = new AppConfig({
    ...loadConfig({
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      JWT_SECRET: 'bench-jwt-secret-that-is-long-enough-012345',
      CREDENTIALS_KEY: 'b'.repeat(64),
      ADMIN_EMAIL: 'bench@tradebot.test',
      ADMIN_PASSWORD: 'bench-password',
      CRON_ENABLED: 'false',
      JOB_CONCURRENCY: String(CONCURRENCY),
      // What production runs: without the transaction guard (see AppConfig.transactionGuard).
      NODE_ENV: 'production',
      // Nothing listens there: paper bots tick on the simulated feed, no network wait.
      BINANCE_BASE_URL: 'http://127.0.0.1:1',
    }),
  }) as RuntimeConfig['config'];
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: ['error'],
  });
  await app.init();
  const dataSource = app.get(DataSource);
  const symbols = ['BTCUSDT', 'ETHUSDT', 'BNBUSDT', 'SOLUSDT', 'XRPUSDT'];
  const botIds: string[] = [];
  for (let i = 0; i < BOTS; i++) {
    const bot = await insertPaperBot(
      dataSource,
      { symbol: symbols[i % symbols.length], interval: '1m', stopLossPct: '2', takeProfitPct: '4' },
      { status: BotStatus.Running },
    );
    botIds.push(bot.id);
  }
  const queue = app.get(JobQueue);
  const rates: number[] = [];
  const base = lastClosedSlot('1m', Date.now());
  for (let s = 0; s < SLOTS; s++) {
    const slot = base - (SLOTS - s) * 60_000;
    const started = performance.now();
    // As the candle-close scheduler enqueues them: one tick group per symbol and interval.
    await queue.add(
      symbols.map((symbol) => {
        const data = { symbol, interval: '1m', slot };
        return { name: JobName.TickGroup, data, id: jobId.tickGroup(data) };
      }),
    );
    while ((await queue.pendingCount()) > 0) await sleep(5);
    rates.push(BOTS / ((performance.now() - started) / 1000));
  }
  const processed = await dataSource.query(
    `SELECT count(*)::int AS n FROM bot_state WHERE last_slot = $1`,
    [String(base - 60_000)],
  );
  if (processed[0].n !== BOTS) throw new Error(`only ${processed[0].n} of ${BOTS} bots ticked`);
  await app.close();
  return median(rates);
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

function trackPeakMemory(): () => number {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  timer.unref();
  return () => Math.max(peak, process.memoryUsage().rss);
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
