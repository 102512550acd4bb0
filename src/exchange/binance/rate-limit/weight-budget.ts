/** Binance counts request weight per IP in minute windows aligned to the clock. */
export const WEIGHT_WINDOW_MS = 60_000;

/**
 * Who a request is for. `trading` (orders, their lookups, the account, the candles of bots'
 * ticks) may spend the whole budget; `market-data` (backtests, charts) only what is above
 * the trading reserve, so no number of them can make a live order wait.
 */
export type RequestPriority = 'trading' | 'market-data';

export function windowStart(now: number): number {
  return Math.floor(now / WEIGHT_WINDOW_MS) * WEIGHT_WINDOW_MS;
}

/** Whether `weight` more fits in a window that has used `used`. */
export function fitsBudget(used: number, weight: number, budget: number): boolean {
  return used + weight <= budget;
}

/** The most weight a window may have used once a request of `priority` is counted. */
export function ceilingFor(
  priority: RequestPriority,
  budget: number,
  tradingReserve: number,
): number {
  return priority === 'trading' ? budget : Math.max(0, budget - tradingReserve);
}

/** Time left in the current window: how long a client over budget waits. */
export function untilNextWindow(now: number): number {
  return windowStart(now) + WEIGHT_WINDOW_MS - now;
}

/**
 * Exponential backoff with jitter for retry `attempt` (0-based): a random delay between half
 * and all of `baseMs * 2^attempt`, capped, so clients that failed together do not retry together.
 */
export function backoffMs(attempt: number, random: number, baseMs = 250, capMs = 8000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
