import type { Candle } from '../kernel/candle';
import type { DailyCounters, DailyLimitHit } from '../risk/daily-limits';
import type { ExitRule } from '../risk/exits';
import { formatMoney, money } from '../risk/money';
import type { EntryPause } from '../risk/protections';
import type { FillParams, RiskParams } from '../risk/risk-params';
import type { RiskRules } from '../risk/risk-rules';
import type { SymbolFilters } from '../risk/symbol-filters';
import { evaluateCandles } from '../strategies/strategy-evaluation';
import type {
  Strategy,
  StrategyCandles,
  StrategyParams,
  StrategySignal,
} from '../strategies/strategy.interface';
import { externalSignal, type PendingSignal, type PendingSignalOutcome } from './external-signal';
import type { Position } from './position';

export interface TickInput {
  strategy: Strategy;
  strategyParams: StrategyParams;
  risk: RiskParams;
  fill: FillParams;
  filters: SymbolFilters;
  /** Closed candles, oldest first. */
  candles: readonly Candle[];
  /** The same candles as numbers in columns (parsed once per candle set, not once per bot). */
  columns: StrategyCandles;
  position: Position | null;
  daily: DailyCounters;
  /** Quote the bot may spend (paper: its virtual balance). */
  quoteBalance: string;
  /** A protection pausing entries at this tick (tick-protections.ts); exits go on. */
  entryPause?: EntryPause | null;
  /** An external-signal bot's oldest alert not yet acted on: its action replaces the strategy's. */
  pendingSignal?: PendingSignal | null;
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
  /** What became of `pendingSignal`, when there was one. */
  signalOutcome?: PendingSignalOutcome;
}

/**
 * One tick's decision, pure: risk exits first (never blocked by daily limits), then the
 * strategy's signal, then for an entry the daily limits, the protections' pause and the
 * sizing, by `rules`.
 */
export function decideTick(input: TickInput, rules: RiskRules): TickDecision {
  const { pendingSignal } = input;
  if (!input.strategy.external || !pendingSignal) {
    return decideOnSignal(
      input,
      evaluateCandles(input.strategy, input.strategyParams, input.columns),
      rules,
    );
  }
  const ttlSeconds = Number(input.strategyParams.signalTtlSeconds);
  const { signal, outcome } = externalSignal(pendingSignal, ttlSeconds);
  return { ...decideOnSignal(input, signal, rules), signalOutcome: outcome };
}

/** The decision on the strategy's signal (or the external one that replaces it). */
function decideOnSignal(input: TickInput, signal: StrategySignal, rules: RiskRules): TickDecision {
  const { candles, position } = input;
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
  if (input.entryPause) {
    const { reason, until } = input.entryPause;
    const note = `buy signal skipped: ${reason}, until ${new Date(until).toISOString()}`;
    return hold(note, signal, null, dailyLimit);
  }
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
