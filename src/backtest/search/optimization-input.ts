import { randomInt } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { findJsonShapeProblem } from '../../common/json-shape';
import { createValidationPipe } from '../../common/validation.pipe';
import { InvalidInputError } from '../../kernel/errors/validation.error';
import type { SymbolFilters } from '../../risk/symbol-filters';
import type { StrategyRegistryService } from '../../strategies/strategy-registry.service';
import { decode, MAX_BACKTEST_CANDLES } from '../backtest-body';
import { parseCandleRows } from '../candle-series';
import type { OptimizationInput, OptimizationOutcome, OptimizationTask } from './search-task';
import { defaultPrice } from '../../exchange/market-data/simulated-series';
import { RANGE_FIELDS, requestedRange, simulatedRange } from '../backtest-range';
import { simulatedSymbolInfo } from '../../exchange/market-data/simulated-feed';
import { askSymbolFilters, requestFilters, type SymbolFiltersLookup } from '../backtest-filters';
import { OptimizationRequestDto } from './dto/optimization-request.dto';
import { planOptimization } from './optimization-plan';

const SIMULATED_FIELDS = ['seed', 'startPrice'] as const;

type PrepareTask = Exclude<OptimizationTask, { kind: 'chunk' }>;

interface Checked {
  request: Record<string, unknown>;
  dto: OptimizationRequestDto;
}

/**
 * POST /api/optimizations in a backtest thread, in the steps of a backtest (BacktestJob):
 * the body checked whole (the search against the strategy's schema, the nested backtest
 * with its fields named `backtest.…`), then its candles from the body, the exchange (the API
 * fetches them) or the seeded walk, normalized into the stored input.
 */
export class OptimizationPreparer {
  private readonly validation = createValidationPipe();

  constructor(
    private readonly strategies: StrategyRegistryService,
    private readonly symbolFiltersOf: SymbolFiltersLookup = askSymbolFilters,
  ) {}

  async run(task: PrepareTask): Promise<OptimizationOutcome> {
    try {
      if (task.kind === 'optimization') return await this.fromBody(task.body);
      const checked = await this.check(task.request);
      if (task.kind === 'optimization-fetched') {
        const rows = JSON.parse(decode(task.candles)) as unknown[];
        return this.ready(checked, rows, task.symbolFilters);
      }
      return this.simulated(checked, task.lastPrice);
    } catch (error) {
      if (error instanceof InvalidInputError) return { kind: 'invalid', errors: error.fieldErrors };
      throw error;
    }
  }

  private async fromBody(bytes: Uint8Array): Promise<OptimizationOutcome> {
    const body = parseObject(decode(bytes));
    const backtest = body.backtest;
    let candles: unknown;
    let request = body;
    if (typeof backtest === 'object' && backtest !== null && !Array.isArray(backtest)) {
      const { candles: given, ...rest } = backtest as Record<string, unknown>;
      candles = given;
      request = { ...body, backtest: rest };
    }
    const checked = await this.check(request);
    const bt = checked.dto.backtest;
    const simulated = bt.source === 'simulated';
    if (!simulated) {
      const stray = SIMULATED_FIELDS.filter((field) => bt[field] !== undefined);
      if (stray.length > 0) {
        throw new InvalidInputError(
          stray.map((field) => ({
            field: `backtest.${field}`,
            reason: 'is only for source "simulated"',
          })),
        );
      }
    }
    if (candles === undefined) {
      const range = requestedRange(checked.dto.backtest, 'backtest.');
      return simulated
        ? { kind: 'simulate', request: checked.request, symbol: range.symbol }
        : { kind: 'fetch', request: checked.request, range };
    }
    // With candles, a symbol only names the filters (as a backtest's).
    const ranged = RANGE_FIELDS.some((field) => field !== 'symbol' && bt[field] !== undefined);
    if (simulated || ranged) {
      throw new InvalidInputError([
        {
          field: 'backtest.candles',
          reason: 'give either candles or symbol, interval, startTime and endTime, not both',
        },
      ]);
    }
    if (!Array.isArray(candles)) {
      throw new InvalidInputError([
        { field: 'backtest.candles', reason: 'must be an array of candle rows' },
      ]);
    }
    if (candles.length > MAX_BACKTEST_CANDLES) {
      throw new InvalidInputError([
        {
          field: 'backtest.candles',
          reason: `at most ${MAX_BACKTEST_CANDLES} candles, got ${candles.length}`,
        },
      ]);
    }
    return this.ready(checked, candles, await this.filtersOf(bt.filters, bt.symbol));
  }

  /** A backtest's filters over given candles: its own, its symbol's, or the defaults. */
  private async filtersOf(
    given: SymbolFilters | undefined,
    symbol: string | undefined,
  ): Promise<SymbolFilters> {
    try {
      // Kept with their source: the run's filters read as a backtest's report gives them.
      return await requestFilters(given, symbol, this.symbolFiltersOf);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      throw new InvalidInputError(
        error.fieldErrors.map((e) => ({ field: `backtest.${e.field}`, reason: e.reason })),
      );
    }
  }

  /** The request without candles, validated, its strategy and search checked. */
  private async check(request: Record<string, unknown>): Promise<Checked> {
    const dto = (await this.validation.transform(request, {
      type: 'body',
      metatype: OptimizationRequestDto,
    })) as OptimizationRequestDto;
    return { request, dto };
  }

  private simulated(checked: Checked, lastPrice: number | undefined): OptimizationOutcome {
    const bt = checked.dto.backtest;
    const range = requestedRange(checked.dto.backtest, 'backtest.');
    const { symbol } = range;
    const seed = bt.seed ?? randomInt(2 ** 32);
    const startPrice = Number(bt.startPrice ?? lastPrice ?? defaultPrice(symbol));
    const columns = simulatedRange(range, seed, startPrice);
    const rows = Array.from({ length: columns.close.length }, (_, i) => [
      columns.openTime[i],
      columns.open[i],
      columns.high[i],
      columns.low[i],
      columns.close[i],
      columns.volume[i],
      columns.closeTime[i],
    ]);
    // The drawn seed and start price are kept, so a backtest can make the same candles again.
    const backtest = {
      ...(checked.request.backtest as Record<string, unknown>),
      seed,
      startPrice: String(startPrice),
    };
    return this.ready(
      { ...checked, request: { ...checked.request, backtest } },
      rows,
      simulatedSymbolInfo(symbol, startPrice).filters,
    );
  }

  private ready(
    checked: Checked,
    rows: unknown[],
    symbolFilters: SymbolFilters,
  ): OptimizationOutcome {
    const parsed = parseCandleRows(rows, 'backtest.candles');
    if (!parsed.ok) throw new InvalidInputError(parsed.errors);
    const plan = planOptimization(checked.dto, this.strategies, parsed.series);
    const input: OptimizationInput = {
      request: checked.request,
      symbolFilters,
      rows: gzipSync(JSON.stringify(rows)),
    };
    return { kind: 'optimization', input, plan };
  }
}

function parseObject(text: string): Record<string, unknown> {
  let body: unknown = {};
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new InvalidInputError([{ field: 'body', reason: 'is not valid JSON' }]);
    }
  }
  const problem = findJsonShapeProblem(body);
  if (problem) throw new InvalidInputError([problem]);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidInputError([{ field: 'body', reason: 'must be a JSON object' }]);
  }
  return body as Record<string, unknown>;
}
