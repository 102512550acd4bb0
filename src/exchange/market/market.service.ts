import { HttpStatus, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { RetryLaterError } from '../../kernel/errors/retry-later.error';
import { InvalidInputError } from '../../kernel/errors/validation.error';
import { lastClosedSlot } from '../../kernel/candle';
import {
  type CandleRange,
  CandleRangeFetcher,
  type RangeEnd,
} from '../market-data/candle-range-fetcher';
import {
  MarketDataUnavailableError,
  SymbolNotListedError,
} from '../market-data/market-data.errors';
import { type ClosedCandles, MarketDataService } from '../market-data/market-data.service';
import type { CandlesQueryDto } from './dto/candles-query.dto';
import type { CandlesResponseDto } from './dto/candles-response.dto';
import type { SymbolResponseDto } from './dto/symbol-response.dto';

/**
 * A host outage never gets to the latest window (the simulated feed answers), so what does is
 * mostly a candle the exchange has not closed yet: a matter of seconds.
 */
const CANDLES_RETRY_SECONDS = 5;
/** A range has no simulated stand-in: what fails it is the exchange itself, out for a while. */
const RANGE_RETRY_SECONDS = 30;

/** Market data for clients, read through the window the bots tick on or fetched for a range. */
@Injectable()
export class MarketService {
  constructor(
    private readonly marketData: MarketDataService,
    private readonly fetcher: CandleRangeFetcher,
  ) {}

  async candles(query: CandlesQueryDto): Promise<CandlesResponseDto> {
    const range = rangeOf(query);
    return range ? this.rangeCandles(range, query.limit) : this.latestCandles(query);
  }

  /**
   * The symbol's assets and steps, from the catalog live orders share; in an outage, the
   * simulated pair's, as paper bots trade on them.
   */
  async symbol(symbol: string): Promise<SymbolResponseDto> {
    try {
      const info = await this.marketData.symbolInfo(symbol, true);
      const { tickSize, stepSize } = info.filters;
      return { symbol, baseAsset: info.baseAsset, quoteAsset: info.quoteAsset, tickSize, stepSize };
    } catch (error) {
      throw clientError(error, symbol);
    }
  }

  /**
   * The latest closed candles: the same window, from the same cache, as the bots on the pair
   * see at this slot; while the exchange is down, the simulated feed paper bots see.
   */
  private async latestCandles({
    symbol,
    interval,
    limit,
  }: CandlesQueryDto): Promise<CandlesResponseDto> {
    let market: ClosedCandles;
    try {
      market = await this.marketData.closedCandles(
        symbol,
        interval,
        lastClosedSlot(interval, Date.now()),
        true,
      );
    } catch (error) {
      throw clientError(error, symbol);
    }
    return {
      symbol,
      interval,
      simulated: market.simulated,
      truncated: false,
      // Copies: the cached window is shared with the bots.
      candles: market.candles
        .slice(-limit)
        .map(({ openTime, open, high, low, close, volume, closeTime }) => ({
          openTime,
          open,
          high,
          low,
          close,
          volume,
          closeTime,
        })),
    };
  }

  /**
   * The range's last closed candles, fetched as a ranged backtest fetches its own (so a chart
   * of the backtest shows the candles it traded on); never simulated, as the backtest is not.
   */
  private async rangeCandles(range: CandleRange, limit: number): Promise<CandlesResponseDto> {
    let end: RangeEnd;
    try {
      end = await this.fetcher.lastCandles(range, limit);
    } catch (error) {
      // Its message already says what failed and what works offline.
      if (error instanceof ServiceUnavailableException) {
        throw new RetryLaterError(
          error.message,
          RANGE_RETRY_SECONDS,
          HttpStatus.SERVICE_UNAVAILABLE,
        );
      }
      throw error;
    }
    return {
      symbol: range.symbol,
      interval: range.interval,
      simulated: false,
      truncated: end.truncated,
      candles: end.candles,
    };
  }
}

/** A symbol the exchange does not list is the caller's mistake (400); an outage is a 503. */
function clientError(error: unknown, symbol: string): unknown {
  if (error instanceof SymbolNotListedError) {
    return new InvalidInputError([
      { field: 'symbol', reason: `${symbol} is not listed on the exchange` },
    ]);
  }
  if (error instanceof MarketDataUnavailableError) return unavailable(error, CANDLES_RETRY_SECONDS);
  return error;
}

/** A 503 with Retry-After that says what failed. */
function unavailable(error: Error, retryAfterSeconds: number): RetryLaterError {
  return new RetryLaterError(
    `${error.message}; try again`,
    retryAfterSeconds,
    HttpStatus.SERVICE_UNAVAILABLE,
  );
}

/** The query's time range, if it has one: both ends or neither, the end after the start. */
function rangeOf({
  symbol,
  interval,
  startTime,
  endTime,
}: CandlesQueryDto): CandleRange | undefined {
  if (startTime === undefined && endTime === undefined) return undefined;
  if (startTime === undefined) {
    throw new InvalidInputError([{ field: 'startTime', reason: 'is required with endTime' }]);
  }
  if (endTime === undefined) {
    throw new InvalidInputError([{ field: 'endTime', reason: 'is required with startTime' }]);
  }
  if (endTime <= startTime) {
    throw new InvalidInputError([
      { field: 'endTime', reason: `must be after startTime (${startTime})` },
    ]);
  }
  return { symbol, interval, startTime, endTime };
}
