import { formatMoney, money } from '../risk/money';
import { type EntryPause, laterPause } from '../risk/protections';
import type { RiskParams } from '../risk/risk-params';
import type { RiskRules } from '../risk/risk-rules';
import type { Position } from './position';

/** What a bot keeps between ticks for its protections (bot_state). */
export interface ProtectionState {
  /** The pause in force, if any. */
  pause: EntryPause | null;
  /** Candle boundaries (ms) of the stop-loss exits the stopLossGuard still counts. */
  stopLossTimes: number[];
  /** The equity's running peak, while maxDrawdownPct is set. */
  equityPeak: string | null;
}

export interface TickClock {
  /** The tick's slot: the boundary of the last closed candle. */
  at: number;
  intervalMs: number;
}

/**
 * A bot's equity at `close` (trading-rules.md). Paper: its quote balance plus the position
 * at the close. Live, whose account may hold more than the bot's: positionSizeQuote plus the
 * realized PnL of all its sells plus the open position's unrealized PnL at the close.
 */
export function botEquity(input: {
  paper: boolean;
  close: string;
  position: Position | null;
  quoteBalance: string | null;
  positionSizeQuote: string;
  realizedPnlTotal: string;
}): string {
  const { position, close } = input;
  if (input.paper) {
    const held = position ? money(position.qty).mul(close) : money(0);
    return formatMoney(held.plus(input.quoteBalance ?? '0'));
  }
  const unrealized = position
    ? money(position.qty).mul(close).minus(position.entryCostQuote)
    : money(0);
  return formatMoney(money(input.positionSizeQuote).plus(input.realizedPnlTotal).plus(unrealized));
}

/**
 * Before a tick decides: a pause whose end has come lifts, and the drawdown protection
 * sees this tick's equity (null: no price to value it at). Off, the peak is forgotten, so
 * switching it on later starts from the equity of that day.
 */
export function protectionsBeforeTick(
  state: ProtectionState,
  clock: TickClock,
  equity: string | null,
  risk: RiskParams,
  rules: RiskRules,
): ProtectionState {
  const { at, intervalMs } = clock;
  const pause = state.pause && at < state.pause.until ? state.pause : null;
  if (risk.maxDrawdownPct == null || equity === null) {
    return { ...state, pause, equityPeak: risk.maxDrawdownPct == null ? null : state.equityPeak };
  }
  const step = rules.drawdownStep(state.equityPeak, equity, at, intervalMs, risk);
  return {
    ...state,
    pause: laterPause(pause, step.pause),
    equityPeak: formatMoney(money(step.peak)),
  };
}

/** After it: a stop-loss exit this tick starts the cooldown and counts for the guard. */
export function protectionsAfterTick(
  state: ProtectionState,
  exitReason: string | null,
  clock: TickClock,
  risk: RiskParams,
  rules: RiskRules,
): ProtectionState {
  if (exitReason !== 'stop_loss') return state;
  if (risk.cooldownCandles == null && risk.stopLossGuard == null) return state;
  const { at, intervalMs } = clock;
  const stopLossTimes = rules.recentStopLosses(state.stopLossTimes, at, intervalMs, risk);
  return {
    ...state,
    stopLossTimes,
    pause: laterPause(state.pause, rules.stopLossPause(stopLossTimes, at, intervalMs, risk)),
  };
}
