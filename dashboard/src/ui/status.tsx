import type { Schemas } from '../api/types';
import { type EntryPause, pauseText } from './pause-text';

/** The bot's status as a word (tests and screen readers read it), coloured by kind. */
export function StatusBadge({ status }: { status: Schemas['BotStatus'] }) {
  return <span className={`status status-${status}`}>{status}</span>;
}

/** The reason beside the status: simulated market data, the limit that paused it, the error. */
export function StatusReason({ reason }: { reason: string | null | undefined }) {
  return reason ? <small className="reason">{reason}</small> : null;
}

export function PauseNote({
  protection,
  statusReason,
}: {
  protection: EntryPause | null | undefined;
  statusReason?: string | null;
}) {
  return protection ? (
    <small className="reason pause">{pauseText(protection, statusReason)}</small>
  ) : null;
}
