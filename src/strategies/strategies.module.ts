import { Module, type Provider, type Type } from '@nestjs/common';
import { EmaRsiStrategy } from './ema-rsi/ema-rsi.strategy';
import { STRATEGIES } from './strategies.constants';
import type { Strategy } from './strategy.interface';
import { StrategiesController } from './strategies.controller';
import { StrategyRegistryService } from './strategy-registry.service';

/** Every strategy the engine offers: adding one is its class plus one entry here. */
export const STRATEGY_CLASSES: Type<Strategy>[] = [EmaRsiStrategy];

const strategyProviders: Provider[] = [
  ...STRATEGY_CLASSES.map((strategy) => ({ provide: strategy, useClass: strategy })),
  {
    provide: STRATEGIES,
    useFactory: (...strategies: Strategy[]) => strategies,
    inject: STRATEGY_CLASSES,
  },
];

@Module({
  controllers: [StrategiesController],
  providers: [...strategyProviders, StrategyRegistryService],
  exports: [StrategyRegistryService],
})
export class StrategiesModule {}
