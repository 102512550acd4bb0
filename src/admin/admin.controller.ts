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
import { AdminOnly } from '../common/auth.decorators';
import { AuthService } from '../auth/auth.service';
import { bearerToken } from '../auth/jwt-auth.guard';
import { ApiErrorDto } from '../kernel/errors/api-error';
import { AppConfig } from '../config/app-config';
import { QueueStats } from '../queue/queue-stats';
import { QueuesReportDto } from './dto/queue-counts.dto';
import { SystemReportDto } from './dto/system-report.dto';
import { setQueueViewCookie } from '../auth/queue-view-auth';
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
    private readonly auth: AuthService,
    private readonly config: AppConfig,
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
  @ApiNoContentResponse({
    description:
      "Set: an HttpOnly cookie for the queue view's path, holding a token that opens only " +
      'the queue view, for at most 15 minutes; signing this session out ends it',
  })
  async openQueueView(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    // The guard has checked this very token.
    const sessionToken = bearerToken(request.headers.authorization)!;
    const token = await this.auth.queueViewToken(sessionToken);
    setQueueViewCookie(this.config, request, response, token);
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
