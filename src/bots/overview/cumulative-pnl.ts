import { formatMoney, money } from '../../risk/money';

export interface DayPnl {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  pnl: string;
}

export interface CumulativeDayPnl extends DayPnl {
  /** The realized pnl of every day up to this one, this one included. */
  cumulativePnl: string;
}

/** Running totals of daily pnl, in exact decimals; the days come oldest first. */
export function cumulativePnl(days: readonly DayPnl[]): CumulativeDayPnl[] {
  let total = money(0);
  return days.map(({ day, pnl }) => {
    total = total.plus(money(pnl));
    return { day, pnl: formatMoney(money(pnl)), cumulativePnl: formatMoney(total) };
  });
}
