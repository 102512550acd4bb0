import { Controller, Get } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiErrorDto } from '../kernel/errors/api-error';
import { StrategyDescriptionDto } from './strategy-description.dto';
import { StrategyRegistryService } from './strategy-registry.service';

@ApiTags('strategies')
@ApiBearerAuth()
@Controller('strategies')
export class StrategiesController {
  constructor(private readonly registry: StrategyRegistryService) {}

  @Get()
  @ApiOperation({ summary: 'The strategies a bot or backtest can run, with their params' })
  @ApiOkResponse({ type: [StrategyDescriptionDto], description: 'Every registered strategy' })
  @ApiUnauthorizedResponse({ type: ApiErrorDto })
  list(): StrategyDescriptionDto[] {
    return this.registry.list().map((strategy) => ({
      key: strategy.key,
      description: strategy.description,
      paramsSchema: strategy.paramsSchema as unknown as Record<string, unknown>,
      defaults: { ...strategy.defaults },
      source: strategy.source ?? 'built-in',
    }));
  }
}
