import { join } from 'node:path';
import { RiskRules } from './risk-rules';
import { loadRiskRules } from './risk-rules-source';

// Jest runs from the project root (ESM tests have no __dirname).
const FIXTURES = join(process.cwd(), 'test', 'fixtures');

describe('loadRiskRules', () => {
  it('builds the stock RiskRules itself with no source, so backtests keep the scaled path', async () => {
    const rules = await loadRiskRules(null);
    expect(Object.getPrototypeOf(rules)).toBe(RiskRules.prototype);
  });

  it("builds the source module's default export", async () => {
    const rules = await loadRiskRules(join(FIXTURES, 'no-entry-risk-rules.ts'));
    expect(rules).toBeInstanceOf(RiskRules);
    expect(rules.constructor.name).toBe('NoEntryRiskRules');
  });

  it('refuses a module whose default export is not RiskRules, naming it', async () => {
    const source = join(FIXTURES, 'ema-rsi-copy.strategy.ts');
    await expect(loadRiskRules(source)).rejects.toThrow(`${source}: not a RiskRules subclass`);
  });
});
