import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InvalidInputError } from '../kernel/errors/validation.error';
import { LimitedAction, UserRateLimiter } from '../user-rate-limit/user-rate-limiter.service';
import { type Candle, toCandleRow } from '../kernel/candle';
import { type CandleRange, CandleRangeFetcher } from '../exchange/market-data/candle-range-fetcher';
import { MarketDataService } from '../exchange/market-data/market-data.service';
import { answerSymbolFilters, type SymbolFiltersAnswer } from './backtest-filters';
import { JsonArrayChunks } from './json-array-chunks';
import type { BacktestPlace, RunTask } from './pool/backtest-pool.service';
import type { BacktestOutcome, BacktestTask } from './pool/backtest-task';

/**
 * Backtests for the API: the request goes to a worker thread as the bytes it came in
 * (BacktestJob parses, checks and runs it there); for a ranged request the API thread
 * fetches the candles, which is network waiting, and sends them back to a thread.
 */
@Injectable()
export class BacktestsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(BacktestsService.name);
  private closeFiltersChannel?: () => void;

  constructor(
    private readonly fetcher: CandleRangeFetcher,
    private readonly limiter: UserRateLimiter,
    private readonly marketData: MarketDataService,
  ) {}

  /** Backtest threads ask for the filters of the symbol a request over candles names. */
  onModuleInit(): void {
    this.closeFiltersChannel = answerSymbolFilters((symbol) => this.symbolFilters(symbol));
  }

  onModuleDestroy(): void {
    this.closeFiltersChannel?.();
  }

  /**
   * A symbol's filters from the exchange (its cached exchange info); an exchange that cannot
   * answer does not fail a backtest over given candles, which then runs on the defaults.
   */
  async symbolFilters(symbol: string): Promise<SymbolFiltersAnswer> {
    try {
      return { filters: (await this.fetcher.symbolInfo(symbol)).filters };
    } catch (error) {
      if (error instanceof InvalidInputError) return { notListed: true };
      const reason = (error as Error).message;
      this.logger.warn(`${symbol}'s filters for a backtest: ${reason}; the defaults stand in`);
      return { unavailable: reason };
    }
  }

  /**
   * The report's JSON text in chunks, from the JSON body as received (raw bytes), run in the
   * place the request was admitted to. A ranged backtest counts against its user's limit.
   */
  async run(
    place: BacktestPlace,
    userId: string,
    body: unknown,
    check: 'backtest' | 'lookahead' = 'backtest',
  ): Promise<Uint8Array[]> {
    // No bytes: the body was not sent as JSON.
    if (!(body instanceof Uint8Array)) {
      throw new InvalidInputError([{ field: 'body', reason: 'must be a JSON object' }]);
    }
    // Every task of a lookahead check says so: the thread answers with its report.
    const marked = check === 'lookahead' ? { lookahead: true as const } : {};
    return place.run(async (run) => {
      const outcome = await run({ kind: 'body', body, ...marked });
      if (outcome.kind === 'simulate') {
        // No exchange request: nothing to count against the ranged limit.
        const lastPrice = this.marketData.lastPrice(outcome.symbol);
        const { request } = outcome;
        return this.reportOf(await run({ kind: 'simulated', request, lastPrice, ...marked }));
      }
      if (outcome.kind !== 'fetch') return this.reportOf(outcome);
      await this.limiter.take(userId, LimitedAction.RangedBacktest);
      return this.reportOf(
        await this.fetchAndRun(outcome, (task) => run({ ...task, ...marked }), place.signal),
      );
    });
  }

  private async fetchAndRun(
    { request, range }: Extract<BacktestOutcome, { kind: 'fetch' }>,
    run: RunTask,
    signal: AbortSignal,
  ): Promise<BacktestOutcome> {
    // Candles first: they are market data, so an unlisted symbol is found out (-1121) without
    // an exchangeInfo request, which draws on the trading reserve.
    const candles = await this.candleRowsJson(range, signal);
    const info = await this.fetcher.symbolInfo(range.symbol);
    const task: BacktestTask = { kind: 'fetched', request, candles, symbolFilters: info.filters };
    return run(task);
  }

  /**
   * The range's candles as the JSON text of their rows, written a page at a time: a
   * million Candle objects would take several times the memory of their text.
   */
  private async candleRowsJson(range: CandleRange, signal: AbortSignal): Promise<Uint8Array> {
    const rows = new JsonArrayChunks();
    for await (const page of this.fetcher.pages(range, signal)) {
      if (page.length > 0) rows.add(rowsText(page));
    }
    return Buffer.concat(rows.end());
  }

  private reportOf(outcome: BacktestOutcome): Uint8Array[] {
    if (outcome.kind === 'invalid') throw new InvalidInputError(outcome.errors);
    if (outcome.kind !== 'report') throw new Error('a backtest worker asked twice for candles');
    const { strategy, simulatedSeed, candles, fills, candlesMs, runMs, reportMs } = outcome.stats;
    const ms = (value: number) => value.toFixed(0);
    const simulated = simulatedSeed === undefined ? '' : ` (simulated, seed ${simulatedSeed})`;
    this.logger.log(
      `${strategy} over ${candles} candles${simulated}: ${fills} fills; ` +
        `candles ${ms(candlesMs)} ms, run ${ms(runMs)} ms, report ${ms(reportMs)} ms`,
    );
    return outcome.json;
  }
}

/** A page's rows without the array's brackets, to join with the other pages. */
function rowsText(page: Candle[]): string {
  return JSON.stringify(page.map(toCandleRow)).slice(1, -1);
}
