import { cpus } from 'node:os';
import { readBacktestBody } from '../src/backtest/backtest-body';
import { backtestReportJson } from '../src/backtest/backtest-report-json';
import { type CandleSeries, seriesFromColumns } from '../src/backtest/candle-series';
import { type BacktestInput, runBacktest, SIGNAL_BLOCK } from '../src/backtest/run-backtest';
import { EVERY_RULE } from '../src/backtest/testing/every-rule';
import { randomWalk } from '../src/backtest/testing/random-walk';
import { EmaRsiStrategy } from '../src/strategies/ema-rsi/ema-rsi.strategy';
import { updateMany } from '../src/strategies/strategy-evaluation';
import { goalLine, recordBenchmark } from './benchmarks-file';
import { RiskRules } from '../src/risk/risk-rules';

/**
 * Backtest core speed: ema-rsi with every risk rule on over a long random walk, beside a
 * minimal hand loop that computes the same three indicators over the same closes.
 */
const CANDLES = Number(process.env.BENCH_CANDLES ?? 5_000_000);
const REQUEST_CANDLES = 500_000;
const RUNS = 5;

function main(): void {
  const series = seriesFromColumns(randomWalk(CANDLES, 7));
  const strategy = new EmaRsiStrategy();
  const input: BacktestInput = {
    ...EVERY_RULE,
    strategy,
    strategyParams: strategy.defaults,
    // Enough that fees never drain it: the bot keeps trading through all the candles.
    initialBalanceQuote: '1000000',
    candles: series,
  };

  let fills = 0;
  let sink = 0;
  // Core and hand loop in turns, so a drift in this VM's speed moves both: the goal's ratio
  // is the median of the turns' ratios.
  const turns = inTurns(
    () => {
      fills = runBacktest(input, new RiskRules()).fills.length;
    },
    () => {
      sink += handLoop(series.close, 12, 26, 14);
    },
  );
  const core = Math.min(...turns.map(([first]) => first));
  const hand = Math.min(...turns.map(([, second]) => second));
  const ratio = median(turns.map(([first, second]) => second / first));
  const slowParams = { ...strategy.defaults, emaFast: 50, emaSlow: 200 };
  let slowFills = 0;
  const slow = best(() => {
    slowFills = runBacktest({ ...input, strategyParams: slowParams }, new RiskRules()).fills.length;
  });
  const signalsOnly = best(() => {
    // As the core takes them: a block of candles at a time.
    const evaluator = strategy.createEvaluator(strategy.defaults);
    const actions = new Int8Array(SIGNAL_BLOCK);
    for (let from = 0; from < CANDLES; from += SIGNAL_BLOCK) {
      updateMany(evaluator, series, from, Math.min(CANDLES, from + SIGNAL_BLOCK), actions);
    }
  });
  const request = requestPath(input, series);

  const coreRate = CANDLES / core;
  const handRate = CANDLES / hand;
  const lines = [
    `- machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, one thread`,
    `- ${CANDLES.toLocaleString('en')} one-minute candles (seeded random walk), ema-rsi 12/26/14, stop loss, take profit, trailing stop, all three daily limits, step/minQty/minNotional filters; ${fills} fills`,
    `- backtest core (\`runBacktest\`): **${mps(coreRate)} M candles/s** (best of ${RUNS} turns; target ≥ 5)`,
    `- hand loop, EMA 12 + EMA 26 + Wilder RSI 14 only, same closes: ${mps(handRate)} M candles/s (best of the same turns)`,
    `- core ÷ hand loop, run in ${RUNS} turns: ${ratio.toFixed(2)} (the median of the turns; ${(coreRate / handRate).toFixed(2)} from the best of each)`,
    `- the same with ema-rsi 50/200/14, which trades less (${slowFills} fills): ${mps(CANDLES / slow)} M candles/s`,
    `- where the core's time goes: the strategy's signals alone run at ${mps(CANDLES / signalsOnly)} M candles/s; the rest is ${(((core - signalsOnly) / fills) * 1e6).toFixed(1)} µs per fill (exact sizing, fees, PnL and levels on scaled integers, and the fills kept)`,
    `- a ${REQUEST_CANDLES.toLocaleString('en')}-candle request's body on a backtest thread, without HTTP (best of ${RUNS}): its bytes read and checked into columns ${request.parse.toFixed(0)} ms, core ${request.core.toFixed(0)} ms, the exact report with its equity curve written as JSON ${request.report.toFixed(0)} ms`,
    goalLine('backtest core ÷ hand loop', ratio, 0.25, 'at least'),
  ];
  console.log(lines.join('\n'));
  if (sink === 42) console.log('');
  recordBenchmark('Backtest', 'npm run bench (bench/backtest.bench.ts)', lines);
}

/** Seconds of each of RUNS turns of `first` then `second`, after one warm-up turn. */
function inTurns(first: () => void, second: () => void): [number, number][] {
  first();
  second();
  const turns: [number, number][] = [];
  for (let i = 0; i < RUNS; i++) turns.push([seconds(first), seconds(second)]);
  return turns;
}

function seconds(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Seconds of the fastest of RUNS runs, after one warm-up run. */
function best(run: () => void): number {
  run();
  let fastest = Infinity;
  for (let i = 0; i < RUNS; i++) fastest = Math.min(fastest, seconds(run));
  return fastest;
}

/** The floor any strategy loop pays: three indicators, no objects, no decisions. */
function handLoop(closes: Float64Array, fastN: number, slowN: number, rsiN: number): number {
  const kf = 2 / (fastN + 1);
  const ks = 2 / (slowN + 1);
  let fast = 0;
  let slow = 0;
  let gain = 0;
  let loss = 0;
  let rsi = 0;
  let checksum = 0;
  for (let i = 0; i < closes.length; i++) {
    const close = closes[i];
    if (i < fastN) fast += close / fastN;
    else fast = close * kf + fast * (1 - kf);
    if (i < slowN) slow += close / slowN;
    else slow = close * ks + slow * (1 - ks);
    if (i > 0) {
      const change = close - closes[i - 1];
      const up = change > 0 ? change : 0;
      const down = change < 0 ? -change : 0;
      if (i <= rsiN) {
        gain += up / rsiN;
        loss += down / rsiN;
      } else {
        gain = (gain * (rsiN - 1) + up) / rsiN;
        loss = (loss * (rsiN - 1) + down) / rsiN;
      }
      rsi = loss === 0 ? 100 : 100 - 100 / (1 + gain / loss);
    }
    checksum += fast - slow + rsi;
  }
  return checksum;
}

/**
 * What a backtest thread does with the bytes of a POST /api/backtests body of decimal-string
 * rows: read the body into columns, run, write the report's JSON. Best of RUNS.
 */
function requestPath(input: BacktestInput, series: CandleSeries) {
  const rows: unknown[][] = [];
  for (let i = 0; i < REQUEST_CANDLES; i++) {
    rows.push([
      series.openTime[i],
      series.open[i].toFixed(2),
      series.high[i].toFixed(2),
      series.low[i].toFixed(2),
      series.close[i].toFixed(2),
      '12.5',
      series.closeTime[i],
    ]);
  }
  const body = new TextEncoder().encode(JSON.stringify({ strategy: 'ema-rsi', candles: rows }));
  const fastest = { parse: Infinity, core: Infinity, report: Infinity };
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const { candles } = readBacktestBody(body);
    if (!candles?.ok) throw new Error('the request rows did not parse');
    const t1 = performance.now();
    const run = runBacktest({ ...input, candles: candles.series }, new RiskRules());
    const t2 = performance.now();
    backtestReportJson(run, candles.series, input.initialBalanceQuote);
    const t3 = performance.now();
    fastest.parse = Math.min(fastest.parse, t1 - t0);
    fastest.core = Math.min(fastest.core, t2 - t1);
    fastest.report = Math.min(fastest.report, t3 - t2);
  }
  return fastest;
}

const mps = (rate: number) => (rate / 1e6).toFixed(1);

main();
