import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentUser } from '../common/auth.decorators';
import { uuidParam } from '../common/uuid-param.pipe';
import type { AuthenticatedUser } from '../kernel/authenticated-user';
import { ApiErrorDto } from '../kernel/errors/api-error';
import { AdmittedPlace } from '../backtest/backtest-admission';
import type { BacktestPlace } from '../backtest/pool/backtest-pool.service';
import { OptimizationRequestDto } from '../backtest/search/dto/optimization-request.dto';
import { OptimizationSummaryDto, OptimizationViewDto } from './dto/optimization-view.dto';
import type { OptimizationView } from './optimization-view';
import { OptimizationsService } from './optimizations.service';

@ApiTags('optimizations')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Missing, invalid or expired token' })
@Controller('optimizations')
export class OptimizationsController {
  constructor(private readonly optimizations: OptimizationsService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Start a parameter search over a backtest (docs/optimization.md); poll its id',
  })
  @ApiBody({ type: OptimizationRequestDto })
  @ApiAcceptedResponse({ type: OptimizationViewDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description:
      'A field is invalid, named with dots: `space.emaFast.step`, `walkForward.folds`, ' +
      '`backtest.risk.stopLossPct`, a candle `backtest.candles[12]`',
  })
  @ApiPayloadTooLargeResponse({ type: ApiErrorDto, description: 'The body is over 128 MB' })
  @ApiTooManyRequestsResponse({
    type: ApiErrorDto,
    description:
      'As POST /api/backtests: every backtest place taken, the caller’s share, or for a range ' +
      'the ranged-backtest limit or the market-data weight; retry after Retry-After seconds',
    headers: {
      'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } },
    },
  })
  @ApiServiceUnavailableResponse({
    type: ApiErrorDto,
    description: 'With backtest.symbol: the exchange could not be reached',
  })
  // Raw JSON bytes, as a backtest's: a thread parses and checks them (candles included).
  create(
    @CurrentUser() user: AuthenticatedUser,
    @AdmittedPlace() place: BacktestPlace,
    @Body() body: unknown,
  ): Promise<OptimizationView> {
    return this.optimizations.create(place, user.id, body);
  }

  @Get()
  @ApiOperation({ summary: 'The caller’s optimizations, newest first, without their results' })
  @ApiOkResponse({ type: [OptimizationSummaryDto] })
  list(@CurrentUser() user: AuthenticatedUser): Promise<OptimizationView[]> {
    return this.optimizations.list(user.id);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An optimization: status, progress with ETA, best, results, folds' })
  @ApiOkResponse({ type: OptimizationViewDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such optimization of the caller' })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<OptimizationView> {
    return this.optimizations.get(id, user.id);
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Cancel a queued or running optimization; no point is stored after this answers',
  })
  @ApiOkResponse({ type: OptimizationViewDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such optimization of the caller' })
  cancel(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<OptimizationView> {
    return this.optimizations.cancel(id, user.id);
  }
}
