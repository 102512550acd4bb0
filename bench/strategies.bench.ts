import { cpus } from 'node:os';
import { seriesFromColumns } from '../src/backtest/candle-series';
import { type BacktestInput, runBacktest } from '../src/backtest/run-backtest';
import { EVERY_RULE } from '../src/backtest/testing/every-rule';
import { randomWalk } from '../src/backtest/testing/random-walk';
import { RiskRules } from '../src/risk/risk-rules';
import { STRATEGY_CLASSES } from '../src/strategies/built-in-strategies';
import { recordBenchmark } from './benchmarks-file';

/**
 * One line per built-in strategy (every class in STRATEGY_CLASSES): candles/s of a backtest
 * with its default params over the same random walk, under every risk rule.
 */
const CANDLES = Number(process.env.BENCH_STRATEGY_CANDLES ?? 1_000_000);
const RUNS = 3;

function main(): void {
  const series = seriesFromColumns(randomWalk(CANDLES, 7));
  const lines = [
    `- machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, one thread`,
    `- ${CANDLES.toLocaleString('en')} one-minute candles (seeded random walk), default params, stop loss, take profit, trailing stop, all three daily limits, step/minQty/minNotional filters; best of ${RUNS} runs after a warm-up run`,
  ];
  for (const Class of STRATEGY_CLASSES) {
    const strategy = new Class();
    const input: BacktestInput = {
      ...EVERY_RULE,
      strategy,
      strategyParams: strategy.defaults,
      // Enough that fees never drain it: the bot keeps trading through all the candles.
      initialBalanceQuote: '1000000',
      candles: series,
    };
    let fills = 0;
    const seconds = best(() => {
      fills = runBacktest(input, new RiskRules()).fills.length;
    });
    const line = `- \`${strategy.key}\`: **${(CANDLES / seconds / 1e6).toFixed(2)} M candles/s** (${fills} fills)`;
    console.log(line);
    lines.push(line);
  }
  recordBenchmark('Backtest per strategy', 'npm run bench (bench/strategies.bench.ts)', lines);
}

/** Seconds of the fastest of RUNS runs, after one warm-up run. */
function best(run: () => void): number {
  run();
  let fastest = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    run();
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return fastest;
}

main();
