import { Controller, Get } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentUser } from '../../common/auth.decorators';
import type { AuthenticatedUser } from '../../kernel/authenticated-user';
import { ApiErrorDto } from '../../kernel/errors/api-error';
import { OverviewDto } from '../dto/overview.dto';
import { OverviewService } from './overview.service';

@ApiTags('bots')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Missing, invalid or expired token' })
@Controller('overview')
export class OverviewController {
  constructor(private readonly overviews: OverviewService) {}

  @Get()
  @ApiOperation({ summary: 'Your realized PnL by day and your latest trades, across your bots' })
  @ApiOkResponse({ type: OverviewDto })
  overview(@CurrentUser() user: AuthenticatedUser): Promise<OverviewDto> {
    return this.overviews.overview(user);
  }
}
