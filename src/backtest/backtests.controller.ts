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
import { CurrentUser } from '../common/auth.decorators';
import type { AuthenticatedUser } from '../kernel/authenticated-user';
import { ApiErrorDto } from '../kernel/errors/api-error';
import { AdmittedPlace } from './backtest-admission';
import { BacktestsService } from './backtests.service';
import { BacktestRequestDto } from './dto/backtest-request.dto';
import { BacktestResponseDto } from './dto/backtest-response.dto';
import { LookaheadResponseDto } from './dto/lookahead-response.dto';
import type { BacktestPlace } from './pool/backtest-pool.service';

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
      'Answered before the body is read when every backtest place is taken ' +
      '(BACKTEST_CONCURRENCY running, BACKTEST_QUEUE waiting) or the caller already has ' +
      'BACKTESTS_PER_USER; for a range, when the caller has started RANGED_BACKTESTS_PER_MINUTE ' +
      'this minute or backtests and charts have spent the exchange weight above the trading ' +
      'reserve: retry after the Retry-After seconds',
    headers: {
      'Retry-After': {
        description: 'Seconds until a place, the limit or the weight is likely free',
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
  async run(
    @CurrentUser() user: AuthenticatedUser,
    @AdmittedPlace() place: BacktestPlace,
    @Body() body: unknown,
  ): Promise<StreamableFile> {
    return jsonFile(await this.backtests.run(place, user.id, body));
  }

  @Post('lookahead')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Run the strategy on growing prefixes of the candles and list every signal that changes ' +
      'once later candles are known: a strategy that reads ahead (docs/backtesting.md)',
  })
  @ApiBody({ type: BacktestRequestDto, description: 'A backtest’s body' })
  @ApiOkResponse({ type: LookaheadResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'As POST /api/backtests' })
  @ApiPayloadTooLargeResponse({ type: ApiErrorDto, description: 'The body is over 128 MB' })
  @ApiTooManyRequestsResponse({
    type: ApiErrorDto,
    description: 'As POST /api/backtests: it takes a backtest place',
    headers: { 'Retry-After': { schema: { type: 'integer' } } },
  })
  @ApiServiceUnavailableResponse({
    type: ApiErrorDto,
    description: 'With symbol and a range: the exchange could not be reached',
  })
  async lookahead(
    @CurrentUser() user: AuthenticatedUser,
    @AdmittedPlace() place: BacktestPlace,
    @Body() body: unknown,
  ): Promise<StreamableFile> {
    return jsonFile(await this.backtests.run(place, user.id, body, 'lookahead'));
  }
}

/** JSON written by a backtest thread, sent as the chunks it came in. */
function jsonFile(chunks: Uint8Array[]): StreamableFile {
  const length = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  return new StreamableFile(Readable.from(chunks), {
    type: 'application/json; charset=utf-8',
    length,
  });
}
