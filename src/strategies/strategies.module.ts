import { Module } from '@nestjs/common';
import { STRATEGIES, STRATEGY_SOURCES } from './strategies.constants';
import { StrategiesController } from './strategies.controller';
import { loadStrategies } from './strategy-sources';
import { StrategyRegistryService } from './strategy-registry.service';

@Module({
  controllers: [StrategiesController],
  providers: [
    { provide: STRATEGY_SOURCES, useValue: [] },
    { provide: STRATEGIES, useFactory: loadStrategies, inject: [STRATEGY_SOURCES] },
    StrategyRegistryService,
  ],
  exports: [StrategyRegistryService, STRATEGY_SOURCES],
})
export class StrategiesModule {}
