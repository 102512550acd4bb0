import { Readable } from 'node:stream';
import { Body, Controller, HttpCode, HttpStatus, Post, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTooManyRequestsResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiErrorDto } from '../common/errors/api-error';
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
  @ApiTooManyRequestsResponse({
    type: ApiErrorDto,
    description:
      'Every backtest place is taken (BACKTEST_CONCURRENCY running, BACKTEST_QUEUE waiting): ' +
      'retry after the Retry-After seconds',
    headers: {
      'Retry-After': {
        description: 'Seconds until a place is likely free',
        schema: { type: 'integer' },
      },
    },
  })
  @ApiServiceUnavailableResponse({
    type: ApiErrorDto,
    description: 'With symbol: the exchange could not be reached',
  })
  // The body arrives as raw JSON bytes: a worker thread parses and validates it (its
  // candles are too many for class-validator) and writes the report's JSON.
  async run(@Body() body: unknown): Promise<StreamableFile> {
    const chunks = await this.backtests.run(body);
    const length = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
    return new StreamableFile(Readable.from(chunks), {
      type: 'application/json; charset=utf-8',
      length,
    });
  }
}
