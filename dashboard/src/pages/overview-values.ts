import type { Schemas } from '../api/types';

type State = Schemas['BotStateResponseDto'];

/** Today, as the API's daily counters and days name it (UTC). */
export const utcDay = (now: number): string => new Date(now).toISOString().slice(0, 10);

/** A bot's realized PnL today: its daily counter, when that counter is today's. */
export function todayPnl(state: State, today: string): number {
  return state.daily.date === today ? Number(state.daily.realizedPnl) : 0;
}

/** The close the bot last decided on: the price its position is marked at. */
export function lastClose(state: State): number | null {
  const close = Number(state.lastSignal?.close ?? Number.NaN);
  return Number.isFinite(close) && close > 0 ? close : null;
}

/** What selling the position at the last close would gain, before the sale's fee. */
export function unrealizedPnl(state: State): number | null {
  const close = lastClose(state);
  if (!state.position || close === null) return null;
  return Number(state.position.qty) * close - Number(state.position.entryCostQuote);
}

/** Why a bot needs its owner: an error, a pause by a limit, an order or a stop waiting. */
export function attentionReasons(state: State): string[] {
  const reasons: string[] = [];
  if (state.status === 'error')
    reasons.push(`error: ${state.lastError ?? state.statusReason ?? 'unknown'}`);
  if (state.status === 'paused') reasons.push(`paused: ${state.statusReason ?? 'a daily limit'}`);
  if (state.orderInFlight) reasons.push('an order is not resolved yet');
  if (state.stopRequestedAt) reasons.push('a stop waits for an order to settle');
  return reasons;
}
