import { money, type Money } from './money';
import type { Parsed, RiskParams } from './risk-params';

export interface DailyCounters {
  /** Entries made that UTC day. */
  trades: number;
  /** Realized PnL of positions closed that UTC day. */
  realizedPnl: Money | string;
}

export type DailyLimit = 'max_daily_trades' | 'daily_loss_limit' | 'daily_profit_target';

export interface DailyLimitHit {
  limit: DailyLimit;
  reason: string;
}

/** The UTC calendar day of a timestamp, as YYYY-MM-DD. */
export function utcDay(time: number | Date): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** Which daily limit blocks new entries, if any. Exits are never blocked. */
export function dailyLimitHit(
  counters: DailyCounters,
  risk: Parsed<RiskParams>,
): DailyLimitHit | null {
  if (risk.maxDailyTrades !== null && counters.trades >= risk.maxDailyTrades) {
    return {
      limit: 'max_daily_trades',
      reason: `maxDailyTrades reached: ${counters.trades} of ${risk.maxDailyTrades} entries today`,
    };
  }
  const pnl = money(counters.realizedPnl);
  if (risk.dailyLossLimitQuote !== null && pnl.lte(money(risk.dailyLossLimitQuote).neg())) {
    return {
      limit: 'daily_loss_limit',
      reason: `dailyLossLimitQuote reached: realized ${pnl.toFixed()} today (limit -${money(risk.dailyLossLimitQuote).toFixed()})`,
    };
  }
  if (risk.dailyProfitTargetQuote !== null && pnl.gte(risk.dailyProfitTargetQuote)) {
    return {
      limit: 'daily_profit_target',
      reason: `dailyProfitTargetQuote reached: realized ${pnl.toFixed()} today (target ${money(risk.dailyProfitTargetQuote).toFixed()})`,
    };
  }
  return null;
}
