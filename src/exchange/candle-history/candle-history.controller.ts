import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AdminOnly, CurrentUser } from '../../common/auth.decorators';
import { uuidParam } from '../../common/uuid-param.pipe';
import type { AuthenticatedUser } from '../../kernel/authenticated-user';
import { ApiErrorDto } from '../../kernel/errors/api-error';
import { RateLimitPerUser } from '../../user-rate-limit/rate-limit-per-user.guard';
import { LimitedAction } from '../../user-rate-limit/user-rate-limiter.service';
import { CandleHistoryService } from './candle-history.service';
import {
  DownloadDto,
  DownloadRequestDto,
  HeldRangeDto,
  RemoveQueryDto,
  RemovedDto,
} from './dto/candle-history.dto';

@ApiTags('candle-history')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Missing, invalid or expired token' })
@Controller('candle-history')
export class CandleHistoryController {
  constructor(private readonly history: CandleHistoryService) {}

  @Get()
  @ApiOperation({
    summary: 'What the candle history holds: each span of each venue, symbol and interval',
  })
  @ApiOkResponse({ type: [HeldRangeDto] })
  held(): Promise<HeldRangeDto[]> {
    return this.history.held() as Promise<HeldRangeDto[]>;
  }

  @Post('downloads')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Fill the candle history over a range from the exchange (only what it lacks)',
    description:
      'Answers once the first page is stored; poll GET /api/candle-history/downloads/{id} ' +
      'on the same server for progress. Counts as a ranged backtest against the caller’s limit.',
  })
  @ApiAcceptedResponse({ type: DownloadDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'A field is invalid, or the exchange does not list the symbol: `errors` names it',
  })
  @ApiServiceUnavailableResponse({
    type: ApiErrorDto,
    description: 'The exchange could not be reached: retry after the Retry-After seconds',
  })
  @RateLimitPerUser(
    LimitedAction.RangedBacktest,
    'The caller has started RANGED_BACKTESTS_PER_MINUTE ranged backtests or downloads this ' +
      'minute, has two downloads running, or backtests and charts have spent the exchange ' +
      'weight above the trading reserve: retry after the Retry-After seconds',
  )
  download(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: DownloadRequestDto,
  ): Promise<DownloadDto> {
    return this.history.download(user.id, body);
  }

  @Get('downloads/:id')
  @ApiOperation({ summary: 'A download’s progress, kept an hour after it ends' })
  @ApiOkResponse({ type: DownloadDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'id is not a UUID' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such download of yours here' })
  findDownload(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): DownloadDto {
    return this.history.find(user.id, id);
  }

  @Delete()
  @AdminOnly()
  @ApiOperation({
    summary:
      'Remove held candles of a symbol and interval (this server’s exchange), all or a range',
  })
  @ApiOkResponse({ type: RemovedDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'A query parameter is invalid' })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'Caller is not an admin' })
  async remove(@Query() query: RemoveQueryDto): Promise<RemovedDto> {
    return { removed: await this.history.remove(query) };
  }
}
