import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiErrorDto } from '../../kernel/errors/api-error';
import { RateLimitPerUser } from '../../user-rate-limit/rate-limit-per-user.guard';
import { LimitedAction } from '../../user-rate-limit/user-rate-limiter.service';
import { CandlesQueryDto } from './dto/candles-query.dto';
import { CandlesResponseDto } from './dto/candles-response.dto';
import { SymbolQueryDto } from './dto/symbol-query.dto';
import { SymbolResponseDto } from './dto/symbol-response.dto';
import { MarketService } from './market.service';

@ApiTags('market')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Missing, invalid or expired token' })
@Controller('market')
export class MarketController {
  constructor(private readonly market: MarketService) {}

  @Get('candles')
  @ApiOperation({
    summary:
      'Closed candles of a symbol: the latest, as the bots tick on them (simulated while the exchange is down), or a time range’s last',
    description:
      'Without startTime and endTime: the latest closed candles, from the window the bots tick ' +
      'on. With both: the last limit closed candles whose openTime lies in [startTime, endTime], ' +
      'fetched from the exchange as a ranged backtest fetches them (never simulated), and ' +
      'truncated: true when the range holds more.',
  })
  @ApiOkResponse({
    type: CandlesResponseDto,
    description:
      'Up to limit candles, oldest first; simulated says whether they are made up, truncated ' +
      'whether a range holds more',
  })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description:
      'A query parameter is invalid (startTime and endTime come together, endTime after ' +
      'startTime), or the exchange does not list the symbol: `errors` names it',
  })
  @ApiServiceUnavailableResponse({
    type: ApiErrorDto,
    description:
      'The exchange answered but could not give the closed candles yet, or, for a range, ' +
      'could not be reached: retry after the Retry-After seconds',
    headers: {
      'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } },
    },
  })
  @RateLimitPerUser(
    LimitedAction.CandleRequest,
    'The caller has made CANDLE_REQUESTS_PER_MINUTE requests this minute, or, for a range, ' +
      'backtests and charts have spent the exchange weight above the trading reserve: retry ' +
      'after the Retry-After seconds',
  )
  candles(@Query() query: CandlesQueryDto): Promise<CandlesResponseDto> {
    return this.market.candles(query);
  }

  @Get('symbol')
  @ApiOperation({
    summary:
      "A symbol's assets and price and quantity steps, to write its numbers as the exchange does",
  })
  @ApiOkResponse({ type: SymbolResponseDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'symbol is invalid, or the exchange does not list it: `errors` names it',
  })
  @ApiServiceUnavailableResponse({
    type: ApiErrorDto,
    description: 'The exchange could not be asked: retry after the Retry-After seconds',
    headers: {
      'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } },
    },
  })
  @RateLimitPerUser(
    LimitedAction.CandleRequest,
    'The caller has made CANDLE_REQUESTS_PER_MINUTE market data requests this minute: retry ' +
      'after the Retry-After seconds',
  )
  symbol(@Query() query: SymbolQueryDto): Promise<SymbolResponseDto> {
    return this.market.symbol(query.symbol);
  }
}
