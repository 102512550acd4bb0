import {
  DEFAULT_FILL_PARAMS,
  DEFAULT_INITIAL_BALANCE_QUOTE,
  type FillParams,
  type RiskParams,
  type StopLossGuard,
} from '../../risk/risk-params';
import type { PaperDto } from './paper.dto';
import type { RiskDto, StopLossGuardDto } from './risk.dto';

/** A request's risk params as the rules take them: a rule left out is off (null). */
export function riskParamsFrom(risk: RiskDto): RiskParams {
  return {
    positionSizeQuote: risk.positionSizeQuote,
    stopLossPct: risk.stopLossPct ?? null,
    takeProfitPct: risk.takeProfitPct ?? null,
    trailingStopPct: risk.trailingStopPct ?? null,
    maxDailyTrades: risk.maxDailyTrades ?? null,
    dailyLossLimitQuote: risk.dailyLossLimitQuote ?? null,
    dailyProfitTargetQuote: risk.dailyProfitTargetQuote ?? null,
    cooldownCandles: risk.cooldownCandles ?? null,
    stopLossGuard: stopLossGuardFrom(risk.stopLossGuard),
    maxDrawdownPct: risk.maxDrawdownPct ?? null,
    resumeAfterCandles: risk.resumeAfterCandles ?? null,
  };
}

/** The guard as stored: its three counts only, whatever else the request's object held. */
export function stopLossGuardFrom(
  guard: StopLossGuardDto | null | undefined,
): StopLossGuard | null {
  if (!guard) return null;
  return {
    count: guard.count,
    windowCandles: guard.windowCandles,
    pauseCandles: guard.pauseCandles,
  };
}

/** A request's paper fill model and starting balance, with the rules page's defaults. */
export function paperParamsFrom(
  paper: PaperDto | undefined,
): FillParams & { initialBalanceQuote: string } {
  return {
    initialBalanceQuote: paper?.initialBalanceQuote ?? DEFAULT_INITIAL_BALANCE_QUOTE,
    feeRate: paper?.feeRate ?? DEFAULT_FILL_PARAMS.feeRate,
    slippageBps: paper?.slippageBps ?? DEFAULT_FILL_PARAMS.slippageBps,
  };
}
