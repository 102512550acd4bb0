import type { ClosedCandles } from '../../exchange/market-data/market-data.service';
import { BotMode, BotStatus } from '../../kernel/bot.enums';
import { INTERVAL_MS } from '../../kernel/interval';
import type { DailyLimitHit } from '../../risk/daily-limits';
import type { EntryPause } from '../../risk/protections';
import { botEquity, type ProtectionState, type TickClock } from '../../trading/tick-protections';
import type { BotConfig } from '../../database/entities/bot-config.entity';
import type { BotState } from '../../database/entities/bot-state.entity';
import type { BotStatePatch } from '../../database/repositories/bot-state.repository';
import { positionOf } from './bot-params';

/** A tick's candle clock: its slot, never behind one already ticked (a signal's tick may be). */
export function tickClock(bot: BotConfig, state: BotState, slot: number): TickClock {
  return {
    at: Math.max(slot, Number(state.lastSlot ?? slot)),
    intervalMs: INTERVAL_MS[bot.interval],
  };
}

/** No stop losses kept: one array, so a patch can tell "unchanged" by identity. */
const NO_STOP_LOSSES: number[] = [];

export function protectionStateOf(state: BotState): ProtectionState {
  return {
    pause: state.protection,
    stopLossTimes: state.stopLossTimes ?? NO_STOP_LOSSES,
    equityPeak: state.equityPeak,
  };
}

/** The bot's equity at the last close, or null without candles (trading-rules.md). */
export function tickEquity(bot: BotConfig, state: BotState, market: ClosedCandles): string | null {
  const last = market.candles.at(-1);
  if (!last) return null;
  return botEquity({
    paper: bot.mode === BotMode.Paper,
    close: last.close,
    position: positionOf(state),
    quoteBalance: state.quoteBalance,
    positionSizeQuote: bot.positionSizeQuote,
    realizedPnlTotal: state.realizedPnlTotal,
  });
}

/** When entries resume, for people: the pause's end as ISO 8601. */
export const pauseEnd = (pause: EntryPause): string => new Date(pause.until).toISOString();

/**
 * The protections' columns that changed (most ticks change none: the update stays small),
 * and a pause shown as the bot's status: `paused` with the reason and its end, as a daily
 * limit shows (which, when both hold, is the one shown).
 */
export function protectionPatch(
  before: BotState,
  after: ProtectionState,
  dailyLimit: DailyLimitHit | null,
): BotStatePatch {
  const patch: BotStatePatch = {};
  if (after.pause !== before.protection) patch.protection = after.pause;
  if (after.stopLossTimes !== (before.stopLossTimes ?? NO_STOP_LOSSES)) {
    patch.stopLossTimes = after.stopLossTimes;
  }
  if (after.equityPeak !== before.equityPeak) patch.equityPeak = after.equityPeak;
  if (after.pause && !dailyLimit) {
    patch.status = BotStatus.Paused;
    patch.statusReason = `${after.pause.reason}, until ${pauseEnd(after.pause)}`;
  }
  return patch;
}

/** A pause this tick started: none before, or one that ends at another time. */
export function startedPause(
  before: EntryPause | null,
  after: EntryPause | null,
): EntryPause | null {
  if (!after) return null;
  return before && before.until === after.until && before.kind === after.kind ? null : after;
}
