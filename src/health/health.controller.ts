import { Controller, Get, Headers, HttpStatus, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/auth.decorators';
import { AuthService } from '../auth/auth.service';
import { bearerToken } from '../auth/jwt-auth.guard';
import { UserRole } from '../kernel/user-role';
import { HealthReportDto } from './health.dto';
import { HealthService } from './health.service';
import { publicHealth } from './health-view';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly auth: AuthService,
  ) {}

  @Public()
  @ApiBearerAuth()
  @Get()
  @ApiOperation({
    summary: 'Whether the database, and Redis when set, answer',
    description:
      "No token needed for the statuses; an admin's Bearer token adds each error and round-trip time.",
  })
  @ApiOkResponse({ type: HealthReportDto, description: 'Every dependency is up' })
  @ApiServiceUnavailableResponse({ type: HealthReportDto, description: 'A dependency is down' })
  async check(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<HealthReportDto> {
    const [report, admin] = await Promise.all([this.health.check(), this.isAdmin(authorization)]);
    if (report.status !== 'ok') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return admin ? report : publicHealth(report);
  }

  /** Any token that is not an admin's, or that cannot be checked (the database is down), sees statuses. */
  private async isAdmin(authorization: string | undefined): Promise<boolean> {
    const token = bearerToken(authorization);
    if (!token) return false;
    try {
      return (await this.auth.authenticate(token)).role === UserRole.Admin;
    } catch {
      return false;
    }
  }
}
