import { Module } from '@nestjs/common';
import { STRATEGIES, STRATEGY_SOURCES } from './strategies.constants';
import { StrategiesController } from './strategies.controller';
import { loadStrategies } from './strategy-sources';
import { StrategyRegistryService } from './strategy-registry.service';

/** The registry; STRATEGY_SOURCES comes from StrategySourcesModule, which the app configures. */
@Module({
  controllers: [StrategiesController],
  providers: [
    { provide: STRATEGIES, useFactory: loadStrategies, inject: [STRATEGY_SOURCES] },
    StrategyRegistryService,
  ],
  exports: [StrategyRegistryService],
})
export class StrategiesModule {}
