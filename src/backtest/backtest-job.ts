import { randomInt } from 'node:crypto';
import { StrategyFailure } from '../strategies/strategy-failure';
import { InvalidInputError } from '../kernel/errors/validation.error';
import { createValidationPipe } from '../common/validation.pipe';
import { paperParamsFrom, riskParamsFrom } from '../bots/dto/trading-config.params';
import type { RiskRules } from '../risk/risk-rules';
import type { SymbolFilters } from '../risk/symbol-filters';
import type { StrategyRegistryService } from '../strategies/strategy-registry.service';
import type { Strategy, StrategyParams } from '../strategies/strategy.interface';
import { backtestReportJson } from './backtest-report-json';
import { decode, readBacktestBody } from './backtest-body';
import { type CandleSeries, seriesFromColumns, seriesFromExchangeRows } from './candle-series';
import { defaultPrice } from '../exchange/market-data/simulated-series';
import { RANGE_FIELDS, requestedRange, simulatedRange } from './backtest-range';
import { simulatedSymbolInfo } from '../exchange/market-data/simulated-feed';
import { BacktestRequestDto } from './dto/backtest-request.dto';
import type { BacktestOutcome, BacktestTask } from './pool/backtest-task';
import { type BacktestRun, runBacktest } from './run-backtest';
import { executionOf } from './backtest-execution';
import { lookaheadOutcome } from './lookahead';
import {
  askSymbolFilters,
  type ReportedFilters,
  requestFilters,
  type SymbolFiltersLookup,
} from './backtest-filters';

const SIMULATED_FIELDS = ['seed', 'startPrice'] as const;
/** The label every simulated report carries. */
export const SIMULATED_NOTE = 'simulated data: a seeded random walk, not market prices';

/** How a simulated report names its series: enough to make the same one again. */
interface SimulatedLabel {
  seed: number;
  startPrice: string;
  symbol: string;
  interval: string;
  note: string;
}

/** A backtest request without its candles, validated, with its strategy resolved. */
export interface PreparedBacktest {
  dto: BacktestRequestDto;
  strategy: Strategy;
  params: StrategyParams;
}

/** A run of the rules, with the balance it started from (for its report). */
export interface PreparedRun {
  run: BacktestRun;
  initialBalanceQuote: string;
}

/**
 * One backtest task from bytes to bytes, as a worker thread runs it: the body parsed and
 * checked (JSON shape, the DTO, the strategy, every candle row), the rules run, the exact
 * report written as JSON. A bad request is an `invalid` outcome naming its fields.
 */
export class BacktestJob {
  private readonly validation = createValidationPipe();

  constructor(
    private readonly strategies: StrategyRegistryService,
    private readonly riskRules: RiskRules,
    /** A request over candles naming a symbol: its filters, from the API thread. */
    private readonly symbolFiltersOf: SymbolFiltersLookup = askSymbolFilters,
  ) {}

  async run(task: BacktestTask): Promise<BacktestOutcome> {
    try {
      if (task.kind === 'body') return await this.fromBody(task.body, task.lookahead);
      if (task.kind === 'simulated') return await this.fromSimulated(task);
      return await this.fromFetched(task);
    } catch (error) {
      if (error instanceof InvalidInputError) return { kind: 'invalid', errors: error.fieldErrors };
      // A strategy file's own bug: the request named it, and nothing else is wrong.
      if (error instanceof StrategyFailure) {
        return { kind: 'invalid', errors: [{ field: 'strategy', reason: error.message }] };
      }
      throw error;
    }
  }

  private async fromBody(bytes: Uint8Array, lookahead?: true): Promise<BacktestOutcome> {
    const started = performance.now();
    const { request, candles } = readBacktestBody(bytes);
    release(bytes);
    const prepared = await this.prepare(request);
    const simulated = prepared.dto.source === 'simulated';
    if (!simulated) {
      const stray = SIMULATED_FIELDS.filter((field) => prepared.dto[field] !== undefined);
      if (stray.length > 0) {
        throw new InvalidInputError(
          stray.map((field) => ({ field, reason: 'is only for source "simulated"' })),
        );
      }
    }
    if (candles === undefined) {
      const range = requestedRange(prepared.dto);
      return simulated
        ? { kind: 'simulate', request, symbol: range.symbol }
        : { kind: 'fetch', request, range };
    }
    // With candles, a symbol only names the filters.
    const ranged = RANGE_FIELDS.some(
      (field) => field !== 'symbol' && prepared.dto[field] !== undefined,
    );
    if (simulated || ranged) {
      throw new InvalidInputError([
        {
          field: 'candles',
          reason: 'give either candles or symbol, interval, startTime and endTime, not both',
        },
      ]);
    }
    if (!candles.ok) throw new InvalidInputError(candles.errors);
    const { filters, symbol } = prepared.dto;
    const reported = await requestFilters(filters, symbol, this.symbolFiltersOf);
    return this.backtest(prepared, candles.series, reported, started, undefined, lookahead);
  }

  private async fromFetched(task: Extract<BacktestTask, { kind: 'fetched' }>) {
    const started = performance.now();
    const prepared = await this.prepare(task.request);
    const series = seriesFromExchangeRows(JSON.parse(decode(task.candles)) as unknown[]);
    release(task.candles);
    const reported: ReportedFilters = prepared.dto.filters
      ? { ...prepared.dto.filters, source: 'request' }
      : { ...task.symbolFilters, source: 'exchange' };
    return this.backtest(prepared, series, reported, started, undefined, task.lookahead);
  }

  /**
   * The seeded series over the request's range, from its start price, else the last real
   * price seen, else the symbol's default; its report says so and how to make it again.
   */
  private async fromSimulated(task: Extract<BacktestTask, { kind: 'simulated' }>) {
    const started = performance.now();
    const prepared = await this.prepare(task.request);
    const range = requestedRange(prepared.dto);
    const { symbol, interval } = range;
    const seed = prepared.dto.seed ?? randomInt(2 ** 32);
    const startPrice = Number(prepared.dto.startPrice ?? task.lastPrice ?? defaultPrice(symbol));
    const columns = simulatedRange(range, seed, startPrice);
    const filters: ReportedFilters = prepared.dto.filters
      ? { ...prepared.dto.filters, source: 'request' }
      : { ...simulatedSymbolInfo(symbol, startPrice).filters, source: 'simulated' };
    const label = { seed, startPrice: String(columns.open[0] ?? startPrice), symbol, interval };
    const note = SIMULATED_NOTE;
    const series = seriesFromColumns(columns);
    return this.backtest(prepared, series, filters, started, { ...label, note }, task.lookahead);
  }

  /** The request without its candles, validated, and its strategy resolved. */
  async prepare(request: Record<string, unknown>): Promise<PreparedBacktest> {
    const dto = (await this.validation.transform(request, {
      type: 'body',
      metatype: BacktestRequestDto,
    })) as BacktestRequestDto;
    return { dto, ...this.strategies.resolve(dto.strategy, dto.strategyParams ?? {}) };
  }

  /**
   * The rules over the series, on the request's filters or else `symbolFilters`: the one
   * path a report and an optimization point share, so their metrics cannot drift.
   */
  runPrepared(
    { dto, strategy, params }: PreparedBacktest,
    series: CandleSeries,
    symbolFilters: SymbolFilters,
  ): PreparedRun {
    const warmup = strategy.warmup(params);
    if (series.length < warmup) {
      throw new InvalidInputError([
        {
          field: 'candles',
          reason: `too few: ${strategy.key} with these params needs at least ${warmup} candles, got ${series.length}`,
        },
      ]);
    }
    const { initialBalanceQuote, ...fill } = paperParamsFrom(dto.paper);
    const run = runBacktest(
      {
        strategy,
        strategyParams: params,
        risk: riskParamsFrom(dto.risk),
        fill,
        initialBalanceQuote,
        filters: dto.filters ?? symbolFilters,
        candles: series,
        execution: executionOf(dto.execution),
      },
      this.riskRules,
    );
    return { run, initialBalanceQuote };
  }

  private backtest(
    prepared: PreparedBacktest,
    series: CandleSeries,
    symbolFilters: ReportedFilters,
    started: number,
    simulated?: SimulatedLabel,
    lookahead?: true,
  ): BacktestOutcome {
    if (lookahead) return lookaheadOutcome(prepared.strategy, prepared.params, series, started);
    const loaded = performance.now();
    const { run, initialBalanceQuote } = this.runPrepared(prepared, series, rulesOf(symbolFilters));
    const ran = performance.now();
    const json = backtestReportJson(run, series, initialBalanceQuote, simulated, symbolFilters);
    return {
      kind: 'report',
      json,
      stats: {
        strategy: prepared.strategy.key,
        simulatedSeed: simulated?.seed,
        candles: series.length,
        fills: run.fills.length,
        candlesMs: loaded - started,
        runMs: ran - loaded,
        reportMs: performance.now() - ran,
      },
    };
  }
}

/**
 * Frees bytes once read, before the run and the report: the thread's task holds them until
 * it ends, and a million candles' body is 76 MB. A buffer shared with other views (Node's
 * pool of small Buffers) is left alone.
 */
function release(bytes: Uint8Array): void {
  const { buffer } = bytes;
  if (buffer instanceof ArrayBuffer && bytes.byteLength === buffer.byteLength) {
    // Transferring detaches the buffer here; the clone that takes it is dropped at once.
    structuredClone(buffer, { transfer: [buffer] });
  }
}

/** The filters alone, without the report's label of where they came from. */
function rulesOf(reported: ReportedFilters): SymbolFilters {
  const rules: Record<string, string | undefined> = { ...reported };
  delete rules.source;
  delete rules.note;
  return rules;
}
