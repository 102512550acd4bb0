import type { Candle } from '../kernel/candle';
import type { DailyCounters, DailyLimitHit } from '../risk/daily-limits';
import type { ExitRule } from '../risk/exits';
import { formatMoney, money } from '../risk/money';
import type { FillParams, RiskParams } from '../risk/risk-params';
import type { RiskRules } from '../risk/risk-rules';
import type { SymbolFilters } from '../risk/symbol-filters';
import type { Strategy, StrategySignal } from '../strategies/strategy.interface';
import type { Position } from './position';

export interface TickInput {
  strategy: Strategy;
  strategyParams: Record<string, number>;
  risk: RiskParams;
  fill: FillParams;
  filters: SymbolFilters;
  /** Closed candles, oldest first. */
  candles: readonly Candle[];
  /** Their closes as numbers (parsed once per candle set, not once per bot). */
  closes: ArrayLike<number>;
  position: Position | null;
  daily: DailyCounters;
  /** Quote the bot may spend (paper: its virtual balance). */
  quoteBalance: string;
}

export interface OrderDecision {
  side: 'BUY' | 'SELL';
  qty: string;
  /** The last close: what the decision priced at. */
  refPrice: string;
  reason: ExitRule | 'signal';
}

export interface TickDecision {
  /** The order to place, if any. */
  order: OrderDecision | null;
  /** Why no order, in words a person reads on the dashboard. */
  note: string;
  signal: StrategySignal;
  /** The position's highest close including this tick's, when in position. */
  trailingHigh: string | null;
  /** A daily limit that blocks entries now (the bot shows as paused). */
  dailyLimit: DailyLimitHit | null;
}

/**
 * One tick's decision, pure: risk exits first (never blocked by daily limits), then the
 * strategy's signal, then for an entry the daily limits and the sizing, by `rules`.
 */
export function decideTick(input: TickInput, rules: RiskRules): TickDecision {
  const { candles, position } = input;
  const signal = input.strategy.evaluateCloses(input.closes, input.strategyParams);
  const dailyLimit = rules.dailyLimitHit(input.daily, input.risk);
  const last = candles.at(-1);
  if (!last) return hold('no closed candles yet', signal, null, dailyLimit);
  const price = last.close;

  if (position) {
    const high = money(position.high).gte(price) ? position.high : price;
    const exit = rules.tickExit({ price, entry: position.entryPrice, high, risk: input.risk });
    const reason = exit ?? (signal.action === 'sell' ? 'signal' : null);
    if (!reason) {
      return hold(`holding: ${signal.reason ?? 'no sell signal'}`, signal, high, dailyLimit);
    }
    const qty = rules.floorToStep(money(position.qty), input.filters.stepSize);
    if (qty.lte(0))
      return hold(`position ${position.qty} is below one step`, signal, high, dailyLimit);
    return {
      order: { side: 'SELL', qty: formatMoney(qty), refPrice: price, reason },
      note: `sell: ${reason}`,
      signal,
      trailingHigh: high,
      dailyLimit,
    };
  }

  if (signal.action !== 'buy') {
    return hold(signal.reason ?? 'no buy signal', signal, null, dailyLimit);
  }
  if (dailyLimit) return hold(`buy signal skipped: ${dailyLimit.reason}`, signal, null, dailyLimit);
  const size = rules.sizeEntry({
    balanceQuote: input.quoteBalance,
    positionSizeQuote: input.risk.positionSizeQuote,
    price: rules.fillPrice(price, 'BUY', input.fill.slippageBps),
    fill: input.fill,
    filters: input.filters,
  });
  if (!size.ok) return hold(`buy signal skipped: ${size.reason}`, signal, null, dailyLimit);
  return {
    order: { side: 'BUY', qty: formatMoney(size.qty), refPrice: price, reason: 'signal' },
    note: 'buy: signal',
    signal,
    trailingHigh: null,
    dailyLimit,
  };
}

function hold(
  note: string,
  signal: StrategySignal,
  trailingHigh: string | null,
  dailyLimit: DailyLimitHit | null,
): TickDecision {
  return { order: null, note, signal, trailingHigh, dailyLimit };
}
