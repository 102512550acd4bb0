import { Inject, Injectable } from '@nestjs/common';
import { STRATEGIES } from './strategies.constants';
import type { Strategy } from './strategy.interface';

/** Strategies by key; bot configs name their strategy by key. */
@Injectable()
export class StrategyRegistryService {
  private readonly byKey = new Map<string, Strategy>();

  constructor(@Inject(STRATEGIES) strategies: Strategy[]) {
    for (const strategy of strategies) {
      const taken = this.byKey.get(strategy.key);
      // Fails start-up: with two strategies under one key, stored bots would silently
      // run whichever registered last.
      if (taken) {
        throw new Error(
          `Duplicate strategy key "${strategy.key}": ${taken.constructor.name} and ` +
            `${strategy.constructor.name}; every strategy needs its own key`,
        );
      }
      this.byKey.set(strategy.key, strategy);
    }
  }

  get(key: string): Strategy | undefined {
    return this.byKey.get(key);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** In registration order. */
  list(): Strategy[] {
    return [...this.byKey.values()];
  }
}
