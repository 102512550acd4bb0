import { type DecimalInput, money } from './money';
import type { SymbolFilters } from './symbol-filters';

/** A bot's risk config, decimals as strings; null turns a rule off. */
export interface RiskParams {
  positionSizeQuote: string;
  stopLossPct: string | null;
  takeProfitPct: string | null;
  trailingStopPct: string | null;
  maxDailyTrades: number | null;
  dailyLossLimitQuote: string | null;
  dailyProfitTargetQuote: string | null;
  /** Protections (protections.ts); left out or null is off. Candles of the bot's interval. */
  cooldownCandles?: number | null;
  stopLossGuard?: StopLossGuard | null;
  maxDrawdownPct?: string | null;
  /** How long a drawdown pause lasts; null: until the next 00:00 UTC. */
  resumeAfterCandles?: number | null;
}

/** After `count` stop-loss exits within `windowCandles` candles, no entry for `pauseCandles`. */
export interface StopLossGuard {
  count: number;
  windowCandles: number;
  pauseCandles: number;
}

/** Paper and backtest fill model. */
export interface FillParams {
  feeRate: string;
  slippageBps: string;
}

export const DEFAULT_FILL_PARAMS: FillParams = { feeRate: '0.001', slippageBps: '5' };
export const DEFAULT_INITIAL_BALANCE_QUOTE = '10000';

/** A params type whose decimal strings may also be parsed decimals. */
export type Parsed<T> = { readonly [K in keyof T]: Decimalish<T[K]> };
type Decimalish<V> = V extends string ? DecimalInput : V;

/**
 * Parses every decimal of the rules once: a backtest prices thousands of fills with the
 * same params, and parsing them per fill cost more than the arithmetic.
 */
export function parseRules(
  risk: RiskParams,
  fill: FillParams,
  filters: SymbolFilters,
): { risk: Parsed<RiskParams>; fill: Parsed<FillParams>; filters: Parsed<SymbolFilters> } {
  return { risk: parseAll(risk), fill: parseAll(fill), filters: parseAll(filters) };
}

function parseAll<T extends object>(params: T): Parsed<T> {
  const parsed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    parsed[key] = typeof value === 'string' && value !== '' ? money(value) : value;
  }
  return parsed as Parsed<T>;
}
