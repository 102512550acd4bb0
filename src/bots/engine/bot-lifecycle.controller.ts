import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentUser } from '../../common/auth.decorators';
import type { AuthenticatedUser } from '../../kernel/authenticated-user';
import { ApiErrorDto } from '../../kernel/errors/api-error';
import { uuidParam } from '../../common/uuid-param.pipe';
import { BotLifecycleResponseDto, StopBotDto, StopBotResponseDto } from './bot-lifecycle.dto';
import { BotLifecycleService } from './bot-lifecycle.service';

@ApiTags('bots')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ApiErrorDto })
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such bot of yours' })
@ApiBadRequestResponse({ type: ApiErrorDto })
@Controller('bots/:id')
export class BotLifecycleController {
  constructor(private readonly lifecycle: BotLifecycleService) {}

  @Post('start')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Start a bot' })
  @ApiAcceptedResponse({
    type: BotLifecycleResponseDto,
    description: 'Status pending; running after the first tick, which is queued now',
  })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The bot is already running' })
  async start(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<BotLifecycleResponseDto> {
    return { id, status: await this.lifecycle.start(user, id) };
  }

  @Post('stop')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Stop a bot, optionally selling its position first' })
  @ApiAcceptedResponse({
    type: StopBotResponseDto,
    description:
      'Stopped, with closePosition an open position being sold (reason manual); or, with closePosition while an order is unresolved, the stop recorded: made, with the sale, as soon as awaitedOrder settles',
  })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The bot is already stopped' })
  async stop(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() body: StopBotDto,
  ): Promise<StopBotResponseDto> {
    return { id, ...(await this.lifecycle.stop(user, id, body.closePosition ?? false)) };
  }
}
