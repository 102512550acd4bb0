import { Injectable, NotFoundException } from '@nestjs/common';
import { OptimizationStatus } from '../database/entities/optimization-run.entity';
import { OptimizationRunRepository } from '../database/repositories/optimization-run.repository';
import { InvalidInputError } from '../kernel/errors/validation.error';
import { toCandleRow } from '../kernel/candle';
import { CandleRangeFetcher } from '../exchange/market-data/candle-range-fetcher';
import { MarketDataService } from '../exchange/market-data/market-data.service';
import { LimitedAction, UserRateLimiter } from '../user-rate-limit/user-rate-limiter.service';
import { JsonArrayChunks } from '../backtest/json-array-chunks';
import type { BacktestPlace, RunOptimizationTask } from '../backtest/pool/backtest-pool.service';
import type { OptimizationOutcome } from '../backtest/search/search-task';
import { ChunkInputs } from './chunk-inputs';
import { OptimizationCoordinator } from './optimization-coordinator.service';
import { type OptimizationView, optimizationView } from './optimization-view';

type Ready = Extract<OptimizationOutcome, { kind: 'optimization' }>;

/**
 * Optimizations for the API: the request is checked and its candles normalized on a backtest
 * thread (fetched by the API for a range, as a backtest's), stored once, and driven by this
 * process's coordinator; the points run wherever the queue sends their chunks.
 */
@Injectable()
export class OptimizationsService {
  constructor(
    private readonly runs: OptimizationRunRepository,
    private readonly coordinator: OptimizationCoordinator,
    private readonly inputs: ChunkInputs,
    private readonly fetcher: CandleRangeFetcher,
    private readonly limiter: UserRateLimiter,
    private readonly marketData: MarketDataService,
  ) {}

  /** Accepts a run from the body's raw JSON bytes, in the request's pool place. */
  async create(place: BacktestPlace, userId: string, body: unknown): Promise<OptimizationView> {
    if (!(body instanceof Uint8Array)) {
      throw new InvalidInputError([{ field: 'body', reason: 'must be a JSON object' }]);
    }
    const ready = await place.run((_run, prepare) => this.prepare(prepare, userId, body, place));
    const { input, plan } = ready;
    const id = await this.runs.insert({
      userId,
      strategy: plan.strategy,
      method: plan.method,
      objective: plan.objective.objective,
      seed: plan.seed,
      candles: plan.candles,
      request: input.request,
      symbolFilters: { ...input.symbolFilters },
      candleRows: Buffer.from(input.rows),
      progressTotal: plan.walkForward
        ? plan.walkForward.folds.length * (plan.points + 1)
        : plan.points,
    });
    this.inputs.hold(id, {
      backtest: input.request.backtest as Record<string, unknown>,
      symbolFilters: input.symbolFilters,
      rows: input.rows,
    });
    this.coordinator.start(id, plan);
    return this.get(id, userId);
  }

  async get(id: string, userId: string): Promise<OptimizationView> {
    const run = await this.runs.findOwned(id, userId);
    if (!run) throw notFound();
    return optimizationView(run);
  }

  async list(userId: string): Promise<OptimizationView[]> {
    const now = Date.now();
    return (await this.runs.listOwned(userId)).map((run) => optimizationView(run, now, true));
  }

  /** Cancels a queued or running run; a finished one is shown as it is. */
  async cancel(id: string, userId: string): Promise<OptimizationView> {
    await this.runs.end(id, OptimizationStatus.Cancelled, null, userId);
    return this.get(id, userId);
  }

  private async prepare(
    prepare: RunOptimizationTask,
    userId: string,
    body: Uint8Array,
    place: BacktestPlace,
  ): Promise<Ready> {
    let outcome = await prepare({ kind: 'optimization', body });
    if (outcome.kind === 'simulate') {
      const lastPrice = this.marketData.lastPrice(outcome.symbol);
      outcome = await prepare({
        kind: 'optimization-simulated',
        request: outcome.request,
        lastPrice,
      });
    } else if (outcome.kind === 'fetch') {
      await this.limiter.take(userId, LimitedAction.RangedBacktest);
      // Candles first: market data, so an unlisted symbol is found out without exchangeInfo.
      const candles = await this.candleRowsJson(outcome.range, place.signal);
      const info = await this.fetcher.symbolInfo(outcome.range.symbol);
      outcome = await prepare({
        kind: 'optimization-fetched',
        request: outcome.request,
        candles,
        symbolFilters: info.filters,
      });
    }
    if (outcome.kind === 'invalid') throw new InvalidInputError(outcome.errors);
    if (outcome.kind !== 'optimization') {
      throw new Error(`an optimization thread answered ${outcome.kind}`);
    }
    return outcome;
  }

  private async candleRowsJson(
    range: Parameters<CandleRangeFetcher['pages']>[0],
    signal: AbortSignal,
  ): Promise<Uint8Array> {
    const rows = new JsonArrayChunks();
    for await (const page of this.fetcher.pages(range, signal)) {
      if (page.length > 0) rows.add(JSON.stringify(page.map(toCandleRow)).slice(1, -1));
    }
    return Buffer.concat(rows.end());
  }
}

function notFound(): NotFoundException {
  return new NotFoundException('no such optimization');
}
