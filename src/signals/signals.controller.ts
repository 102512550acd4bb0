import { Body, Controller, HttpCode, HttpStatus, Ip, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/auth.decorators';
import { ApiErrorDto } from '../kernel/errors/api-error';
import { PostSignalDto } from './dto/post-signal.dto';
import { SignalAcceptedDto, SignalDuplicateDto } from './dto/signal-responses.dto';
import { SIGNAL_REFUSED, SignalsService } from './signals.service';

@ApiTags('signals')
@Controller('signals')
export class SignalsController {
  constructor(private readonly signals: SignalsService) {}

  // No JWT: TradingView cannot send one. The bot's passphrase in the body stands in for it.
  @Public()
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'An external signal (a TradingView alert) for an external-signal bot',
    description:
      'Takes no token: the body carries the bot id and its signalPassphrase. A tick of the ' +
      'bot is queued at once and trades by the usual risk rules (docs/external-signals.md).',
  })
  @ApiAcceptedResponse({ type: SignalAcceptedDto, description: 'Stored; a tick of the bot queued' })
  @ApiOkResponse({
    type: SignalDuplicateDto,
    description: 'An alert with this id was already received for the bot: nothing traded',
  })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'A field is invalid: `errors` names it',
  })
  @ApiUnauthorizedResponse({
    type: ApiErrorDto,
    description: `Unknown bot or wrong passphrase, one answer for both: "${SIGNAL_REFUSED}"`,
  })
  @ApiConflictResponse({
    type: ApiErrorDto,
    description: 'The bot is stopped (or failed), or its strategy is not external-signal',
  })
  @ApiTooManyRequestsResponse({
    type: ApiErrorDto,
    description:
      'Past SIGNALS_PER_IP_PER_MINUTE from the client network, or SIGNALS_PER_BOT_PER_MINUTE for the bot',
    headers: {
      'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } },
    },
  })
  async receive(
    @Body() body: PostSignalDto,
    @Ip() clientAddress: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SignalAcceptedDto | SignalDuplicateDto> {
    const receipt = await this.signals.receive(body, clientAddress);
    if (receipt === 'accepted') return { duplicate: false };
    response.status(HttpStatus.OK);
    return { duplicate: true };
  }
}
