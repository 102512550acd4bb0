import { RiskRules } from './risk-rules';

/**
 * Injection token for where the risk rules come from: null for the stock RiskRules, or the
 * absolute path of a module whose default export is a RiskRules subclass. Plain data, which
 * the backtest threads receive to build the same rules as the engine's ticks.
 */
export const RISK_RULES_SOURCE = Symbol('RISK_RULES_SOURCE');

export type RiskRulesSource = string | null;

/** The rules `source` names; RiskModule and every backtest thread build them here. */
export async function loadRiskRules(source: RiskRulesSource): Promise<RiskRules> {
  if (source === null) return new RiskRules();
  const { default: Rules } = (await import(source)) as { default: new () => RiskRules };
  const rules = new Rules();
  // Fails the boot naming the file, rather than a tick with "x is not a function".
  if (!(rules instanceof RiskRules)) throw new Error(`${source}: not a RiskRules subclass`);
  return rules;
}
