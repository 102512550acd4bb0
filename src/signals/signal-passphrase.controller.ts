import { Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentUser } from '../common/auth.decorators';
import { uuidParam } from '../common/uuid-param.pipe';
import type { AuthenticatedUser } from '../kernel/authenticated-user';
import { ApiErrorDto } from '../kernel/errors/api-error';
import { SignalPassphraseDto } from './dto/signal-responses.dto';
import { SignalPassphraseService } from './signal-passphrase.service';

@ApiTags('bots')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Missing, invalid or expired token' })
@Controller('bots/:id/signal-passphrase')
export class SignalPassphraseController {
  constructor(private readonly passphrases: SignalPassphraseService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Replace an external-signal bot's passphrase" })
  @ApiOkResponse({ type: SignalPassphraseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such bot of yours' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The bot is not an external-signal bot' })
  async rotate(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<SignalPassphraseDto> {
    return { signalPassphrase: await this.passphrases.rotate(user, id) };
  }
}
