import { type DecimalInput, money } from './money';
import type { Parsed, RiskParams } from './risk-params';

/**
 * Protections pause entries, never exits (trading-rules.md). Time is counted in candles of
 * the bot's interval: a candle is named by its close boundary `at` (its closeTime + 1 ms,
 * a tick's slot), so `n` candles after `at` is `at + n * intervalMs`.
 */
export type ProtectionKind = 'cooldown' | 'stop_loss_guard' | 'max_drawdown';

export interface EntryPause {
  kind: ProtectionKind;
  reason: string;
  /** The first candle boundary (ms) at which entries are allowed again. */
  until: number;
}

type Protections = Pick<
  Parsed<RiskParams>,
  'cooldownCandles' | 'stopLossGuard' | 'maxDrawdownPct' | 'resumeAfterCandles'
>;

const DAY_MS = 86_400_000;

/** Whether `pause` blocks an entry on the candle at `at`. */
export function pausedAt(pause: EntryPause | null, at: number): boolean {
  return pause !== null && at < pause.until;
}

/** Of two pauses, the one that ends later (the current one on a tie). */
export function laterPause(current: EntryPause | null, next: EntryPause | null): EntryPause | null {
  if (!next) return current;
  if (!current) return next;
  return next.until > current.until ? next : current;
}

/**
 * The stop-loss exits the guard still counts once one more exited on the candle at `at`:
 * those within its window, oldest first, `at` last. Without a guard only `at` is kept.
 */
export function recentStopLosses(
  earlier: readonly number[],
  at: number,
  intervalMs: number,
  risk: Protections,
): number[] {
  const guard = risk.stopLossGuard;
  if (!guard) return [at];
  const from = at - guard.windowCandles * intervalMs;
  return [...earlier.filter((time) => time > from && time < at), at];
}

/**
 * The pause a stop-loss exit on the candle at `at` starts, given the exits the guard counts
 * (`recent`, from recentStopLosses): the cooldown blocks that candle and the next
 * `cooldownCandles`; the guard, once `count` exits fell within `windowCandles` candles, that
 * candle and the next `pauseCandles`. The later of the two, if any.
 */
export function stopLossPause(
  recent: readonly number[],
  at: number,
  intervalMs: number,
  risk: Protections,
): EntryPause | null {
  let pause: EntryPause | null = null;
  const cooldown = risk.cooldownCandles;
  if (cooldown != null) {
    pause = {
      kind: 'cooldown',
      reason: `cooldownCandles: ${cooldown} candle(s) after a stop loss`,
      until: at + (cooldown + 1) * intervalMs,
    };
  }
  const guard = risk.stopLossGuard;
  if (guard && recent.length >= guard.count) {
    pause = laterPause(pause, {
      kind: 'stop_loss_guard',
      reason: `stopLossGuard: ${recent.length} stop losses within ${guard.windowCandles} candles, ${guard.pauseCandles} candle(s) without entries`,
      until: at + (guard.pauseCandles + 1) * intervalMs,
    });
  }
  return pause;
}

/** `(peak - equity) / peak * 100 >= maxDrawdownPct`, exactly; never with a peak at or below 0. */
export function drawdownHit(
  peak: DecimalInput,
  equity: DecimalInput,
  maxDrawdownPct: DecimalInput,
): boolean {
  const top = money(peak);
  if (top.lte(0)) return false;
  return top.minus(equity).mul(100).gte(top.mul(maxDrawdownPct));
}

/**
 * The drawdown protection on the equity at the candle at `at`: the running peak moves up
 * to it; when the equity fell maxDrawdownPct from the peak, entries pause (that candle and
 * the next `resumeAfterCandles`, or until the next 00:00 UTC when that is null) and the peak
 * restarts from this equity, so only a further fall pauses again.
 */
export function drawdownStep(
  peak: DecimalInput | null,
  equity: DecimalInput,
  at: number,
  intervalMs: number,
  risk: Protections,
): { peak: DecimalInput; pause: EntryPause | null } {
  const pct = risk.maxDrawdownPct;
  if (pct == null) return { peak: peak ?? equity, pause: null };
  if (peak === null || money(equity).gt(peak)) return { peak: equity, pause: null };
  if (!drawdownHit(peak, equity, pct)) return { peak, pause: null };
  const resume = risk.resumeAfterCandles;
  const fell = money(peak).minus(equity).div(peak).mul(100).toDecimalPlaces(2).toFixed();
  return {
    peak: equity,
    pause: {
      kind: 'max_drawdown',
      reason: `maxDrawdownPct: equity ${money(equity).toFixed()} is ${fell}% below its peak ${money(peak).toFixed()} (limit ${money(pct).toFixed()}%)`,
      until:
        resume == null ? Math.floor(at / DAY_MS) * DAY_MS + DAY_MS : at + (resume + 1) * intervalMs,
    },
  };
}
