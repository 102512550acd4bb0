import { Controller, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AdminOnly } from '../auth/auth.decorators';
import { bearerToken } from '../auth/jwt-auth.guard';
import { ApiErrorDto } from '../common/errors/api-error';
import { QueueStats } from '../queue/queue-stats';
import { QueuesReportDto } from './dto/queue-counts.dto';
import { SystemReportDto } from './dto/system-report.dto';
import { QUEUE_VIEW_COOKIE, QUEUE_VIEW_PATH } from './queue-view-auth';
import { SystemReportService } from './system-report.service';

@ApiTags('admin')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Missing, invalid or expired token' })
@ApiForbiddenResponse({ type: ApiErrorDto, description: 'Caller is not an admin' })
@AdminOnly()
@Controller('admin')
export class AdminController {
  constructor(
    private readonly queues: QueueStats,
    private readonly systemReport: SystemReportService,
  ) {}

  @Get('queues')
  @ApiOperation({ summary: "The job queues' counts by state (admins only)" })
  @ApiOkResponse({
    type: QueuesReportDto,
    description: 'Each queue: waiting, active, delayed, failed',
  })
  async queueCounts(): Promise<QueuesReportDto> {
    return { backend: this.queues.backend, queues: await this.queues.counts() };
  }

  @Post('queues/session')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Lets this browser open the queue view at /admin/queues (admins only, with Bull)',
  })
  @ApiNoContentResponse({ description: "Set: an HttpOnly cookie for the queue view's path" })
  openQueueView(@Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    // The guard has checked this very token; the cookie ends with the browser session, and
    // the token in it still expires, or is revoked by a password change, as itself.
    response.cookie(QUEUE_VIEW_COOKIE, bearerToken(request.headers.authorization), {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.secure,
      path: QUEUE_VIEW_PATH,
    });
  }

  @Get('system')
  @ApiOperation({ summary: 'Health, ticks, bots, queues and exchange weight (admins only)' })
  @ApiOkResponse({
    type: SystemReportDto,
    description: "This process's numbers and the shared state",
  })
  system(): Promise<SystemReportDto> {
    return this.systemReport.report();
  }
}
