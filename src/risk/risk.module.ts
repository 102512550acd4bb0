import { Global, Module } from '@nestjs/common';
import { RiskRules } from './risk-rules';
import { loadRiskRules, RISK_RULES_SOURCE } from './risk-rules-source';

/**
 * The risk rules, wired by DI like the strategies: the engine's runner receives RiskRules
 * from here, and the backtest threads build theirs from the same RISK_RULES_SOURCE.
 * Global, as the rules of every bot and backtest are the same.
 */
@Global()
@Module({
  providers: [
    { provide: RISK_RULES_SOURCE, useValue: null },
    { provide: RiskRules, useFactory: loadRiskRules, inject: [RISK_RULES_SOURCE] },
  ],
  exports: [RiskRules, RISK_RULES_SOURCE],
})
export class RiskModule {}
