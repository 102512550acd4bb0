import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AdminOnly } from '../common/auth.decorators';
import { ApiErrorDto } from '../kernel/errors/api-error';
import { AuditService } from './audit.service';
import { AuditPageDto } from './dto/audit-event.dto';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Missing, invalid or expired token' })
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @AdminOnly()
  @Get()
  @ApiOperation({ summary: "Every user's audit trail, newest first (admins only)" })
  @ApiOkResponse({ type: AuditPageDto, description: 'A page of events, newest first' })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'A bad page, userId or botId' })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'Caller is not an admin' })
  list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.list(query);
  }
}
