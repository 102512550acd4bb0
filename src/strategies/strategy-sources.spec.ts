import { join } from 'node:path';
import { EmaRsiStrategy } from './ema-rsi/ema-rsi.strategy';
import { STRATEGY_CLASSES } from './built-in-strategies';
import { loadStrategies } from './strategy-sources';

// Jest runs from the project root (ESM tests have no __dirname).
const FIXTURES = join(process.cwd(), 'test', 'fixtures');

const BUILT_IN = STRATEGY_CLASSES.map((Class) => new Class().key);

describe('loadStrategies', () => {
  it('builds the built-ins, then each source module default export, in that order', async () => {
    expect(
      (await loadStrategies({ classModules: [], files: [], timeBudgetMs: 1000 })).map((s) => s.key),
    ).toEqual(BUILT_IN);
    const loaded = await loadStrategies({
      classModules: [join(FIXTURES, 'ema-rsi-copy.strategy.ts')],
      files: [],
      timeBudgetMs: 1000,
    });
    expect(loaded.map((s) => s.key)).toEqual([...BUILT_IN, 'ema-rsi-copy']);
    expect(loaded.at(-1)).toBeInstanceOf(EmaRsiStrategy);
  });
});
