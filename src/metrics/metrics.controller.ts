import {
  type CanActivate,
  Controller,
  type ExecutionContext,
  Get,
  Injectable,
  Res,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { IS_PUBLIC } from '../common/auth.decorators';
import { ApiErrorDto } from '../kernel/errors/api-error';
import { AppMetrics } from './app-metrics';
import { ScrapeAuth } from './scrape-auth';

/** In place of the global JWT guard, which would refuse METRICS_TOKEN as a bad login. */
@Injectable()
class ScrapeGuard implements CanActivate {
  constructor(private readonly scrapeAuth: ScrapeAuth) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    await this.scrapeAuth.authorize(request.headers.authorization);
    return true;
  }
}

@ApiTags('metrics')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: AppMetrics) {}

  @SetMetadata(IS_PUBLIC, true)
  @UseGuards(ScrapeGuard)
  @Get()
  @ApiOperation({
    summary: "This process's Prometheus metrics (METRICS_TOKEN or an admin's token)",
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'The Prometheus text format, version 0.0.4',
    schema: { type: 'string', example: 'tradebot_ticks_total{outcome="held"} 12\n' },
  })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'No token, or a wrong one' })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'A login that is not an admin' })
  async scrape(@Res({ passthrough: true }) response: Response): Promise<string> {
    response.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
