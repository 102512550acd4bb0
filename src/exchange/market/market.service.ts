import { HttpStatus, Injectable } from '@nestjs/common';
import { RetryLaterError } from '../../common/errors/retry-later.error';
import { InvalidInputError } from '../../common/errors/validation.error';
import { lastClosedSlot } from '../candle';
import {
  MarketDataUnavailableError,
  SymbolNotListedError,
} from '../market-data/market-data.errors';
import { type ClosedCandles, MarketDataService } from '../market-data/market-data.service';
import type { CandlesQueryDto } from './dto/candles-query.dto';
import type { CandlesResponseDto } from './dto/candles-response.dto';

/**
 * A host outage never gets here (the simulated feed answers), so what does is mostly a candle
 * the exchange has not closed yet: a matter of seconds.
 */
const CANDLES_RETRY_SECONDS = 5;

/** Market data for clients, read through the window the bots tick on. */
@Injectable()
export class MarketService {
  constructor(private readonly marketData: MarketDataService) {}

  /**
   * The latest closed candles: the same window, from the same cache, as the bots on the pair
   * see at this slot; while the exchange is down, the simulated feed paper bots see.
   */
  async candles({ symbol, interval, limit }: CandlesQueryDto): Promise<CandlesResponseDto> {
    let market: ClosedCandles;
    try {
      market = await this.marketData.closedCandles(
        symbol,
        interval,
        lastClosedSlot(interval, Date.now()),
        true,
      );
    } catch (error) {
      if (error instanceof SymbolNotListedError) {
        throw new InvalidInputError([
          { field: 'symbol', reason: `${symbol} is not listed on the exchange` },
        ]);
      }
      if (error instanceof MarketDataUnavailableError) {
        throw new RetryLaterError(
          `${error.message}; try again`,
          CANDLES_RETRY_SECONDS,
          HttpStatus.SERVICE_UNAVAILABLE,
        );
      }
      throw error;
    }
    return {
      symbol,
      interval,
      simulated: market.simulated,
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
}
