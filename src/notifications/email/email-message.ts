import { BotEventType } from '../../kernel/bot-event';
import { CHANNEL_DISABLED, type EventPayload } from '../notification-event';

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

type Data = Record<string, unknown>;

const feeNote = (data: Data) => (data.feeEstimated ? ', fee estimated' : '');

/** One line a person can read at a glance: it is the subject and the body's first line. */
function headline(payload: EventPayload): string {
  const data = payload.data as Data;
  const bot = payload.bot ? `${payload.bot.name} (${payload.bot.symbol})` : '';
  switch (payload.type) {
    case BotEventType.BotStarted:
      return `${bot} started`;
    case BotEventType.BotStopped:
      return `${bot} stopped${data.closePosition ? ', closing its position' : ''}`;
    case BotEventType.BotPaused:
      return `${bot} paused: ${data.reason}`;
    case BotEventType.BotResumed:
      return `${bot} resumed: ${data.reason}`;
    case BotEventType.BotError:
      return `${bot} error: ${data.reason}`;
    case BotEventType.TradeOpened:
      return `${bot} bought ${data.qty} at ${data.price}${feeNote(data)}`;
    case BotEventType.TradeClosed:
      return `${bot} sold ${data.qty} at ${data.price}, PnL ${data.pnl ?? 'n/a'} (${data.reason})${feeNote(data)}`;
    case BotEventType.OrderRejected:
      return `${bot} ${data.side} order rejected: ${data.reason}`;
    case CHANNEL_DISABLED:
      return `Notification channel ${data.target} disabled after ${data.failures} failed deliveries`;
  }
}

// Only trade events carry a `time` in data: the fill's, not the event's.
const LABELS: Record<string, string> = { pnl: 'PnL', time: 'Fill time' };

/** `quoteQty` → `Quote qty`. */
function label(key: string): string {
  if (LABELS[key]) return LABELS[key];
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function fields(payload: EventPayload): [string, string][] {
  const rows: [string, string][] = [['Event', payload.type]];
  if (payload.bot) {
    rows.push(['Bot', `${payload.bot.name} (${payload.bot.mode})`], ['Bot id', payload.bot.id]);
  }
  for (const [key, value] of Object.entries(payload.data as Data)) {
    rows.push([label(key), value === null ? 'n/a' : String(value)]);
  }
  rows.push(['Event time', payload.time], ['Event id', payload.id]);
  return rows;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );

/** Subject, plain text and HTML of one event; the same numbers as the webhook's JSON. */
export function renderEmail(payload: EventPayload): EmailMessage {
  const line = headline(payload);
  const marker = payload.test ? '[tradebot test] ' : '[tradebot] ';
  const rows = fields(payload);
  const width = Math.max(...rows.map(([name]) => name.length)) + 2;
  const note = payload.test ? 'This is a test sent from your notification channel settings.' : '';
  const text = [
    line,
    '',
    ...rows.map(([name, value]) => `${`${name}:`.padEnd(width)}${value}`),
    ...(note ? ['', note] : []),
    '',
  ].join('\n');
  const html = [
    `<p><strong>${escapeHtml(line)}</strong></p>`,
    '<table cellpadding="4" style="border-collapse:collapse">',
    ...rows.map(
      ([name, value]) =>
        `<tr><td style="color:#555">${escapeHtml(name)}</td><td>${escapeHtml(value)}</td></tr>`,
    ),
    '</table>',
    ...(note ? [`<p><em>${escapeHtml(note)}</em></p>`] : []),
  ].join('\n');
  // Headers cannot carry line breaks; bot names and reasons are user or exchange text.
  return { subject: `${marker}${line}`.replace(/\s+/g, ' ').slice(0, 200), text, html };
}
