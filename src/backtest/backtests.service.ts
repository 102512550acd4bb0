import { Injectable, Logger } from '@nestjs/common';
import { type FieldError, InvalidInputError } from '../common/errors/validation.error';
import { createValidationPipe } from '../common/validation.pipe';
import { INTERVAL_MS } from '../exchange/candle';
import { paperParamsFrom, riskParamsFrom } from '../bots/dto/trading-config.params';
import type { SymbolFilters } from '../risk/symbol-filters';
import { StrategyRegistryService } from '../strategies/strategy-registry.service';
import { type BacktestReport, reportBacktest } from './backtest-report';
import { CandleRangeFetcher } from './candle-range-fetcher';
import { type CandleSeries, parseCandleRows, seriesFromCandles } from './candle-series';
import { BacktestRequestDto } from './dto/backtest-request.dto';
import { runBacktest } from './run-backtest';

/** Half a million candles is the promise; twice that still fits the body limit as numbers. */
export const MAX_BACKTEST_CANDLES = 1_000_000;

/** Validates a backtest request, gets its candles, runs it and reports it. */
@Injectable()
export class BacktestsService {
  private readonly validation = createValidationPipe();
  private readonly logger = new Logger(BacktestsService.name);

  constructor(
    private readonly strategies: StrategyRegistryService,
    private readonly fetcher: CandleRangeFetcher,
  ) {}

  async run(body: unknown): Promise<BacktestReport> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new InvalidInputError([{ field: 'body', reason: 'must be a JSON object' }]);
    }
    const { candles, ...rest } = body as Record<string, unknown>;
    const dto = (await this.validation.transform(rest, {
      type: 'body',
      metatype: BacktestRequestDto,
    })) as BacktestRequestDto;
    const { strategy, params } = this.strategies.resolve(dto.strategy, dto.strategyParams ?? {});
    const started = performance.now();
    const { series, filters } = await this.candlesOf(candles, dto);
    const loaded = performance.now();

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
    const run = runBacktest({
      strategy,
      strategyParams: params,
      risk: riskParamsFrom(dto.risk),
      fill,
      initialBalanceQuote,
      filters,
      candles: series,
    });
    const ran = performance.now();
    const report = reportBacktest(run, series, initialBalanceQuote);
    const ms = (from: number, to: number) => (to - from).toFixed(0);
    this.logger.log(
      `${strategy.key} over ${series.length} candles: ${run.fills.length} fills; ` +
        `candles ${ms(started, loaded)} ms, run ${ms(loaded, ran)} ms, report ${ms(ran, performance.now())} ms`,
    );
    return report;
  }

  private async candlesOf(
    candles: unknown,
    dto: BacktestRequestDto,
  ): Promise<{ series: CandleSeries; filters: SymbolFilters }> {
    const ranged = [dto.symbol, dto.interval, dto.startTime, dto.endTime];
    if (candles !== undefined) {
      if (ranged.some((value) => value !== undefined)) {
        throw new InvalidInputError([
          {
            field: 'candles',
            reason: 'give either candles or symbol, interval, startTime and endTime, not both',
          },
        ]);
      }
      return { series: this.givenCandles(candles), filters: dto.filters ?? {} };
    }
    const { symbol, interval, startTime, endTime } = dto;
    if (
      symbol === undefined ||
      interval === undefined ||
      startTime === undefined ||
      endTime === undefined
    ) {
      const missing = (['symbol', 'interval', 'startTime', 'endTime'] as const).filter(
        (field) => dto[field] === undefined,
      );
      throw new InvalidInputError(
        missing.map((field): FieldError => ({
          field,
          reason: 'is required when no candles are given',
        })),
      );
    }
    if (endTime < startTime) {
      throw new InvalidInputError([
        { field: 'endTime', reason: `must not be before startTime (${startTime})` },
      ]);
    }
    const count = Math.floor((endTime - startTime) / INTERVAL_MS[interval]) + 1;
    if (count > MAX_BACKTEST_CANDLES) {
      throw new InvalidInputError([
        {
          field: 'endTime',
          reason: `the range holds ${count} ${interval} candles; at most ${MAX_BACKTEST_CANDLES}`,
        },
      ]);
    }
    const info = await this.fetcher.symbolInfo(symbol);
    const fetched = await this.fetcher.fetch({ symbol, interval, startTime, endTime });
    return { series: seriesFromCandles(fetched), filters: dto.filters ?? info.filters };
  }

  private givenCandles(candles: unknown): CandleSeries {
    if (!Array.isArray(candles)) {
      throw new InvalidInputError([
        { field: 'candles', reason: 'must be an array of candle rows' },
      ]);
    }
    if (candles.length > MAX_BACKTEST_CANDLES) {
      throw new InvalidInputError([
        {
          field: 'candles',
          reason: `at most ${MAX_BACKTEST_CANDLES} candles, got ${candles.length}`,
        },
      ]);
    }
    const parsed = parseCandleRows(candles);
    if (!parsed.ok) throw new InvalidInputError(parsed.errors);
    return parsed.series;
  }
}
