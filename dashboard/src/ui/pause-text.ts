import { dateTime } from './format';

/** A protection pausing entries (cooldown, stop-loss guard, drawdown): why, and until when. */
export interface EntryPause {
  kind: string;
  reason: string;
  until: string;
}

/** When entries resume, and why they paused unless the status' reason already says so. */
export function pauseText(protection: EntryPause, statusReason?: string | null): string {
  const why = statusReason?.includes(protection.reason) ? '' : `${protection.reason}; `;
  return `${why}entries resume ${dateTime(protection.until)}`;
}
