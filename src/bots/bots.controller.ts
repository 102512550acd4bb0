import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentUser } from '../common/auth.decorators';
import type { AuthenticatedUser } from '../kernel/authenticated-user';
import { ApiErrorDto } from '../kernel/errors/api-error';
import { PageQueryDto } from '../common/page-query.dto';
import { uuidParam } from '../common/uuid-param.pipe';
import { BotsService } from './bots.service';
import {
  BotResponseDto,
  BotsPageDto,
  BotStateResponseDto,
  TradesPageDto,
} from './dto/bot-response.dto';
import { CreateBotDto } from './dto/create-bot.dto';
import { ListBotsQueryDto } from './dto/list-query.dto';
import { UpdateBotDto } from './dto/update-bot.dto';

@ApiTags('bots')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Missing, invalid or expired token' })
@ApiBadRequestResponse({
  type: ApiErrorDto,
  description: 'A field is invalid: `errors` names it and why',
})
@Controller('bots')
export class BotsController {
  constructor(private readonly bots: BotsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a bot, stopped' })
  @ApiCreatedResponse({ type: BotResponseDto, description: 'Created, with its state stopped' })
  @ApiServiceUnavailableResponse({
    type: ApiErrorDto,
    description: 'Live: the exchange could not be reached to check the symbol',
  })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: CreateBotDto,
  ): Promise<BotResponseDto> {
    return this.bots.create(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Your bots with their states, a page at a time' })
  @ApiOkResponse({
    type: BotsPageDto,
    description:
      "Your bots, newest first, each with its state, a page at a time (admins: everyone's with all=true)",
  })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'all=true from a non-admin' })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListBotsQueryDto,
  ): Promise<BotsPageDto> {
    return this.bots.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of your bots' })
  @ApiOkResponse({ type: BotResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<BotResponseDto> {
    return this.bots.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change a bot's settings" })
  @ApiOkResponse({ type: BotResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({
    type: ApiErrorDto,
    description:
      'Symbol, interval or mode of a bot that is not stopped; symbol or mode of a bot that holds a position or has an order in flight',
  })
  @ApiForbiddenResponse({
    type: ApiErrorDto,
    description: "An admin switching another user's bot to live, or changing a live bot's key",
  })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: UpdateBotDto,
  ): Promise<BotResponseDto> {
    return this.bots.update(user, id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a stopped bot' })
  @ApiNoContentResponse({ description: 'Deleted with its state, orders and trades' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The bot is not stopped' })
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<void> {
    return this.bots.remove(user, id);
  }

  @Get(':id/state')
  @ApiOperation({ summary: "A bot's status, position, daily counters and paper balances" })
  @ApiOkResponse({ type: BotStateResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  state(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<BotStateResponseDto> {
    return this.bots.state(user, id);
  }

  @Get(':id/trades')
  @ApiOperation({ summary: "A bot's trades, newest first" })
  @ApiOkResponse({ type: TradesPageDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  trades(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Query() query: PageQueryDto,
  ): Promise<TradesPageDto> {
    return this.bots.trades(user, id, query.limit, query.offset);
  }
}
