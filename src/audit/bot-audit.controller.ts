import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentUser } from '../common/auth.decorators';
import type { AuthenticatedUser } from '../kernel/authenticated-user';
import { ApiErrorDto } from '../kernel/errors/api-error';
import { PageQueryDto } from '../common/page-query.dto';
import { uuidParam } from '../common/uuid-param.pipe';
import { AuditService } from './audit.service';
import { AuditPageDto } from './dto/audit-event.dto';

/** A bot's own audit trail, beside its trades (the bots API is BotsController's). */
@ApiTags('bots')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Missing, invalid or expired token' })
@Controller('bots/:id')
export class BotAuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('audit')
  @ApiOperation({ summary: 'Who created, edited, started and stopped a bot, newest first' })
  @ApiOkResponse({ type: AuditPageDto, description: 'A page of events, newest first' })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'A bad id or page' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such bot of yours' })
  forBot(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Query() query: PageQueryDto,
  ): Promise<AuditPageDto> {
    return this.audit.forBot(user, id, query);
  }
}
