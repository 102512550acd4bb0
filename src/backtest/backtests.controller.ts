import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiErrorDto } from '../common/errors/api-error';
import type { BacktestReport } from './backtest-report';
import { BacktestsService } from './backtests.service';
import { BacktestRequestDto } from './dto/backtest-request.dto';
import { BacktestResponseDto } from './dto/backtest-response.dto';

@ApiTags('backtests')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Missing, invalid or expired token' })
@Controller('backtests')
export class BacktestsController {
  constructor(private readonly backtests: BacktestsService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Run a strategy over candles, exactly as bots trade (trading-rules.md, Backtests)',
  })
  @ApiBody({ type: BacktestRequestDto })
  @ApiOkResponse({ type: BacktestResponseDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'A field is invalid; a bad candle is named by its row, e.g. `candles[12]`',
  })
  @ApiPayloadTooLargeResponse({ type: ApiErrorDto, description: 'The body is over 128 MB' })
  @ApiServiceUnavailableResponse({
    type: ApiErrorDto,
    description: 'With symbol: the exchange could not be reached for the candles',
  })
  // The body is validated by the service: its candles are too many for class-validator.
  run(@Body() body: Record<string, unknown>): Promise<BacktestReport> {
    return this.backtests.run(body);
  }
}
