import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { walkRows } from '../test/factories/candle-rows';
import { goalLine, recordBenchmark } from './benchmarks-file';
import { post, startBuiltApp } from './built-app';

/**
 * What a large backtest does to the API process around it: the built app (`npm start`'s
 * `node dist/src/main.js`, embedded PostgreSQL) takes a 1,000,000-candle backtest over HTTP
 * while /health is probed every PROBE_EVERY_MS; the process's peak RSS is read from
 * /proc/<pid>/status (VmHWM), so it counts every thread of the process, backtest workers too.
 */
const CANDLES = Number(process.env.BENCH_API_CANDLES ?? 1_000_000);
/** The request the throughput goal is set on: HTTP in and out against JSON.parse/stringify. */
const GOAL_CANDLES = 500_000;
const PROBE_EVERY_MS = 100;
/**
 * Every backtest request's members but its candles: a BTCUSDT-like pair with its exchange
 * filters, as a ranged request gets them from the exchange.
 */
const REQUEST = {
  strategy: 'ema-rsi',
  risk: { positionSizeQuote: '500', stopLossPct: '1', takeProfitPct: '2' },
  filters: { stepSize: '0.00001', minQty: '0.00001', minNotional: '5' },
};
/** The dashboard's CSV backtest: no filters, so the documented defaults (8 decimals) size it. */
const CSV_REQUEST = { strategy: REQUEST.strategy, risk: REQUEST.risk };

async function main(): Promise<void> {
  const body = Buffer.from(
    JSON.stringify({ ...REQUEST, candles: walkRows(Date.UTC(2024, 0, 1), CANDLES) }),
  );
  const app = await startBuiltApp('api');
  const { base, token } = app;
  const api = app.process;
  try {
    const idleRss = memoryOf(api.pid!, 'VmRSS');

    const probes = probeHealth(base);
    const started = performance.now();
    const response = await fetch(`${base}/api/backtests`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body,
    });
    const answer = Buffer.from(await response.arrayBuffer());
    const elapsed = performance.now() - started;
    const latencies = await probes.stop();
    if (response.status !== 200) {
      throw new Error(`backtest answered ${response.status}: ${answer.toString().slice(0, 300)}`);
    }
    const peakRss = memoryOf(api.pid!, 'VmHWM');
    const goal = await againstJson(base, token, REQUEST);
    const csv = await againstJson(base, token, CSV_REQUEST);

    const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;
    const ms = (value: number) => `${value.toFixed(0)} ms`;
    const lines = [
      `- machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`,
      `- the built app (\`node dist/src/main.js\`, NODE_ENV=production, embedded PostgreSQL), default BACKTEST_CONCURRENCY`,
      `- one ${CANDLES.toLocaleString('en-US')}-candle backtest over HTTP: ${(body.length / 2 ** 20).toFixed(0)} MiB of JSON in, ${(answer.length / 2 ** 20).toFixed(0)} MiB out, ${ms(elapsed)} from the first byte sent to the last received`,
      `- \`GET /health\` every ${PROBE_EVERY_MS} ms meanwhile, ${latencies.length} probes: median ${ms(quantile(latencies, 0.5))}, p95 ${ms(quantile(latencies, 0.95))}, slowest **${ms(Math.max(...latencies))}**`,
      `- API process RSS: ${mib(idleRss)} idle after start, peak **${mib(peakRss)}** (VmHWM, every thread)`,
      `- a ${GOAL_CANDLES.toLocaleString('en-US')}-candle backtest over HTTP, body in to report out: ${ms(goal.http)} with node:http (best of 3; ${ms(goal.fetch)} with \`fetch\`); \`JSON.parse\` of its request and \`JSON.parse\` + \`JSON.stringify\` of its report, in this process: ${ms(goal.json)}`,
      goalLine('backtest over HTTP ÷ JSON', goal.http / goal.json, 1, 'at most'),
      `- the same request without filters, as the dashboard's CSV backtest sends it (sized to 8 decimals, the documented default): ${ms(csv.http)} over HTTP (best of 3; ${ms(csv.fetch)} with \`fetch\`); its JSON work: ${ms(csv.json)}`,
      goalLine(
        'CSV-style backtest (no filters) over HTTP ÷ JSON',
        csv.http / csv.json,
        1,
        'at most',
      ),
    ];
    console.log(lines.join('\n'));
    recordBenchmark(
      'Backtest in the API process',
      'npm run bench (bench/backtest-api.bench.ts)',
      lines,
    );
  } finally {
    await app.close();
  }
}

/**
 * The goal's figures: the HTTP round trip of a request and the JSON work of its two ends.
 * The round trip is timed with node:http, bytes in and bytes out as a client holds them;
 * `fetch` (undici) is timed too, for the record: on bodies this size it costs several
 * times node:http's client work, which is the client's, not the service's.
 */
async function againstJson(
  base: string,
  token: string,
  request: object,
): Promise<{ http: number; fetch: number; json: number }> {
  const text = JSON.stringify({
    ...request,
    candles: walkRows(Date.UTC(2024, 0, 1), GOAL_CANDLES),
  });
  const body = Buffer.from(text);
  const url = `${base}/api/backtests`;
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  let http = Infinity;
  let answer: Buffer = Buffer.alloc(0);
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const response = await post(url, headers, body);
    http = Math.min(http, performance.now() - started);
    if (response.status !== 200) throw new Error(`backtest answered ${response.status}`);
    answer = response.body;
  }
  let viaFetch = Infinity;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const response = await fetch(url, { method: 'POST', headers, body });
    await response.arrayBuffer();
    viaFetch = Math.min(viaFetch, performance.now() - started);
  }
  const answerText = answer.toString('utf8');
  let json = Infinity;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    JSON.parse(text);
    JSON.stringify(JSON.parse(answerText));
    json = Math.min(json, performance.now() - started);
  }
  return { http, fetch: viaFetch, json };
}

/** Sequential probes, so a blocked event loop shows as one long wait, not many queued ones. */
function probeHealth(base: string): { stop(): Promise<number[]> } {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(`${base}/health`);
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return latencies;
    },
  };
}

/** A /proc/<pid>/status figure in KiB. */
function memoryOf(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]);
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
