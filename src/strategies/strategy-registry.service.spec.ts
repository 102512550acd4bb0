import { Test } from '@nestjs/testing';
import { EmaRsiStrategy } from './ema-rsi/ema-rsi.strategy';
import { StrategiesModule } from './strategies.module';
import { StrategySourcesModule } from './strategy-sources.module';
import type { Strategy } from './strategy.interface';
import { StrategyRegistryService } from './strategy-registry.service';
import { STRATEGY_CLASSES } from './built-in-strategies';

class ImpostorStrategy extends EmaRsiStrategy {}

const withKey = (strategy: Strategy, key: string): Strategy =>
  Object.defineProperty(strategy, 'key', { value: key });

describe('StrategyRegistryService', () => {
  it('finds strategies by key and lists them in registration order', () => {
    const emaRsi = new EmaRsiStrategy();
    const other = withKey(new EmaRsiStrategy(), 'other');
    const registry = new StrategyRegistryService([emaRsi, other]);
    expect(registry.get('ema-rsi')).toBe(emaRsi);
    expect(registry.get('other')).toBe(other);
    expect(registry.get('nope')).toBeUndefined();
    expect(registry.has('ema-rsi')).toBe(true);
    expect(registry.has('nope')).toBe(false);
    expect(registry.has('constructor')).toBe(false);
    expect(registry.list()).toEqual([emaRsi, other]);
  });

  it('refuses two strategies with the same key', () => {
    const strategies: Strategy[] = [new EmaRsiStrategy(), new ImpostorStrategy()];
    expect(() => new StrategyRegistryService(strategies)).toThrow(
      'Duplicate strategy key "ema-rsi": EmaRsiStrategy and ImpostorStrategy; every strategy needs its own key',
    );
  });

  it('is wired by StrategiesModule with every strategy class', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        StrategySourcesModule.forRoot({ classModules: [], files: [], timeBudgetMs: 1000 }),
        StrategiesModule,
      ],
    }).compile();
    const registry = moduleRef.get(StrategyRegistryService);
    expect(registry.list().map((s) => s.key)).toEqual(
      STRATEGY_CLASSES.map((Class) => new Class().key),
    );
    expect(registry.get('ema-rsi')).toBeInstanceOf(EmaRsiStrategy);
    await moduleRef.close();
  });
});
