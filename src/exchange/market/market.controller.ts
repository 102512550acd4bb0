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
import { ApiErrorDto } from '../../common/errors/api-error';
import { CandlesQueryDto } from './dto/candles-query.dto';
import { CandlesResponseDto } from './dto/candles-response.dto';
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
      'The latest closed candles of a symbol, as the bots tick on them (simulated while the exchange is down)',
  })
  @ApiOkResponse({
    type: CandlesResponseDto,
    description: 'Up to limit candles, oldest first; simulated says whether they are made up',
  })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description:
      'A query parameter is invalid, or the exchange does not list the symbol: `errors` names it',
  })
  @ApiServiceUnavailableResponse({
    type: ApiErrorDto,
    description:
      'The exchange answered but could not give the closed candles yet: retry after the Retry-After seconds',
    headers: {
      'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } },
    },
  })
  candles(@Query() query: CandlesQueryDto): Promise<CandlesResponseDto> {
    return this.market.candles(query);
  }
}
