import { BacktestJob } from '../backtest-job';
import { backtestMetrics } from '../backtest-report';
import { sliceSeries } from '../candle-series';
import { InvalidInputError } from '../../kernel/errors/validation.error';
import type { RiskRules } from '../../risk/risk-rules';
import { StrategyFailure } from '../../strategies/strategy-failure';
import type { StrategyRegistryService } from '../../strategies/strategy-registry.service';
import { rejectedPoint, scorePoint } from './objective';
import type { ChunkContext, ChunkRequest, ScoredPoint, SearchParams } from './optimization.types';
import { RISK_SPACE_KEYS } from './optimization.types';

const RISK_PREFIX = 'risk.';

/**
 * Runs points on a window of the run's candles, each exactly as POST /api/backtests runs
 * the request with the point merged in: the same preparation (validation, strategy), the
 * same rules, the same metrics. A point whose merged request is invalid is rejected with
 * the reason, not thrown.
 */
export async function evaluateChunk(
  context: ChunkContext,
  { window, points, objective }: ChunkRequest,
  strategies: StrategyRegistryService,
  riskRules: RiskRules,
): Promise<ScoredPoint[]> {
  const job = new BacktestJob(strategies, riskRules);
  const slice = sliceSeries(context.series, window.from, window.to);
  const scored: ScoredPoint[] = [];
  for (const params of points) {
    try {
      const prepared = await job.prepare(mergePoint(context.request, params));
      const { run, initialBalanceQuote } = job.runPrepared(prepared, slice, context.symbolFilters);
      // The report's metrics without its trades' text, which a point never shows.
      const metrics = backtestMetrics(run, slice, initialBalanceQuote);
      scored.push(scorePoint(params, metrics, objective));
    } catch (error) {
      scored.push(rejectedPoint(params, rejection(error)));
    }
  }
  return scored;
}

/** The backtest request with the point's values set: strategyParams[key], risk[name]. */
export function mergePoint(
  request: Record<string, unknown>,
  params: SearchParams,
): Record<string, unknown> {
  let { strategyParams, risk } = request;
  for (const [key, value] of Object.entries(params)) {
    if ((RISK_SPACE_KEYS as readonly string[]).includes(key)) {
      risk = withValue(risk, key.slice(RISK_PREFIX.length), value);
    } else {
      strategyParams = withValue(strategyParams, key, value);
    }
  }
  return { ...request, strategyParams, risk };
}

/** A copy of the object with the value set; a value that is not an object is left to fail validation. */
function withValue(target: unknown, key: string, value: unknown): unknown {
  if (target === undefined) return { [key]: value };
  if (typeof target !== 'object' || target === null || Array.isArray(target)) return target;
  return { ...target, [key]: value };
}

function rejection(error: unknown): string {
  if (error instanceof InvalidInputError) {
    return error.fieldErrors.map(({ field, reason }) => `${field} ${reason}`).join('; ');
  }
  // A strategy file's own bug on these params: the point cannot run, the others may.
  if (error instanceof StrategyFailure) return `strategy ${error.message}`;
  throw error;
}
