import { type DynamicModule, Global, Module } from '@nestjs/common';
import { STRATEGY_SOURCES } from './strategies.constants';
import type { StrategySources } from './strategy-sources';

/** Where the strategies come from, for every module: the app gives it from its config. */
@Global()
@Module({})
export class StrategySourcesModule {
  static forRoot(sources: StrategySources): DynamicModule {
    return {
      module: StrategySourcesModule,
      providers: [{ provide: STRATEGY_SOURCES, useValue: sources }],
      exports: [STRATEGY_SOURCES],
    };
  }
}
