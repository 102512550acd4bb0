import { Inject, Injectable } from '@nestjs/common';
import { type FieldError, InvalidInputError } from '../kernel/errors/validation.error';
import { STRATEGIES } from './strategies.constants';
import type { Strategy, StrategyParams } from './strategy.interface';

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

  /**
   * The strategy under `key` with `raw` params checked and defaulted; a 400 naming
   * `strategy` or `strategyParams.<param>` otherwise. Bots and backtests both use it.
   */
  resolve(key: string, raw: unknown): { strategy: Strategy; params: StrategyParams } {
    const strategy = this.byKey.get(key);
    if (!strategy) {
      const known = [...this.byKey.keys()].join(', ');
      throw new InvalidInputError([
        { field: 'strategy', reason: `is not a known strategy (known: ${known})` },
      ]);
    }
    const parsed = strategy.parseParams(raw);
    if (!parsed.ok) {
      throw new InvalidInputError(
        parsed.errors.map((error): FieldError => ({
          field: error.field === 'params' ? 'strategyParams' : `strategyParams.${error.field}`,
          reason: error.reason,
        })),
      );
    }
    return { strategy, params: parsed.params };
  }
}
