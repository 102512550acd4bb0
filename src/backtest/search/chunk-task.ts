import { gunzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import type { RiskRules } from '../../risk/risk-rules';
import type { StrategyRegistryService } from '../../strategies/strategy-registry.service';
import { BacktestJob } from '../backtest-job';
import { reportBacktest } from '../backtest-report';
import { parseCandleRows, sliceSeries } from '../candle-series';
import type { ChunkPoint, ChunkTask, OptimizationOutcome } from './search-task';
import { evaluateChunk, mergePoint } from './chunk-evaluation';
import type { ChunkContext } from './optimization.types';

/** Runs a thread holds parsed at once (a million candles' columns are ~60 MB). */
const RUNS_PER_THREAD = 2;

/**
 * Runs chunks in a backtest thread. A run's candles are parsed once per thread, on its first
 * chunk there, and kept by run id for the next ones: never parsed per chunk.
 */
export class ChunkRunner {
  private readonly contexts = new LRUCache<string, ChunkContext>({ max: RUNS_PER_THREAD });

  constructor(
    private readonly strategies: StrategyRegistryService,
    private readonly riskRules: RiskRules,
  ) {}

  async run(task: ChunkTask): Promise<OptimizationOutcome> {
    const context = this.contextOf(task);
    if (task.withEquity) return { kind: 'points', points: await this.withEquity(context, task) };
    const points = await evaluateChunk(
      context,
      { window: task.window, points: task.points, objective: task.objective },
      this.strategies,
      this.riskRules,
    );
    return { kind: 'points', points };
  }

  /**
   * Points with their equity curves: the chunk's evaluation (same preparation and rules),
   * then the full report's curve; its metrics are the same as the summary's.
   */
  private async withEquity(context: ChunkContext, task: ChunkTask): Promise<ChunkPoint[]> {
    const job = new BacktestJob(this.strategies, this.riskRules);
    const slice = sliceSeries(context.series, task.window.from, task.window.to);
    const points: ChunkPoint[] = [];
    for (const params of task.points) {
      const [scored] = await evaluateChunk(
        context,
        { window: task.window, points: [params], objective: task.objective },
        this.strategies,
        this.riskRules,
      );
      if (scored.metrics === null) {
        points.push(scored);
        continue;
      }
      const prepared = await job.prepare(mergePoint(context.request, params));
      const { run, initialBalanceQuote } = job.runPrepared(prepared, slice, context.symbolFilters);
      points.push({ ...scored, equity: reportBacktest(run, slice, initialBalanceQuote).equity });
    }
    return points;
  }

  private contextOf({ runId, input }: ChunkTask): ChunkContext {
    const cached = this.contexts.get(runId);
    if (cached) return cached;
    const rows = JSON.parse(gunzipSync(input.rows).toString('utf8')) as unknown[];
    const parsed = parseCandleRows(rows, 'backtest.candles');
    // Checked when the run was accepted; stored input that fails now is a broken store.
    if (!parsed.ok) throw new Error(`optimization ${runId}: stored candles are invalid`);
    const context: ChunkContext = {
      request: input.backtest,
      series: parsed.series,
      symbolFilters: input.symbolFilters,
    };
    this.contexts.set(runId, context);
    return context;
  }
}
