import { join } from 'node:path';
import { EmaRsiStrategy } from './ema-rsi/ema-rsi.strategy';
import { loadStrategies } from './strategy-sources';

// Jest runs from the project root (ESM tests have no __dirname).
const FIXTURES = join(process.cwd(), 'test', 'fixtures');

describe('loadStrategies', () => {
  it('builds the built-ins, then each source module default export, in that order', async () => {
    expect((await loadStrategies([])).map((s) => s.key)).toEqual(['ema-rsi']);
    const loaded = await loadStrategies([join(FIXTURES, 'ema-rsi-copy.strategy.ts')]);
    expect(loaded.map((s) => s.key)).toEqual(['ema-rsi', 'ema-rsi-copy']);
    expect(loaded[1]).toBeInstanceOf(EmaRsiStrategy);
  });
});
