import { Global, Module } from '@nestjs/common';
import { RiskRules } from './risk-rules';

/**
 * The risk rules, wired by DI like the strategies: the engine's runner and the backtests
 * receive RiskRules from here. Global, as the rules of every bot and backtest are the same.
 * A backtest thread, which shares no objects with the API, builds its own RiskRules.
 */
@Global()
@Module({ providers: [RiskRules], exports: [RiskRules] })
export class RiskModule {}
