/** Decimal strings from the API, shortened for reading (the API keeps the exact value). */
export function decimal(value: string | number | null | undefined, digits = 8): string {
  if (value === null || value === undefined || value === '') return '–';
  const number = Number(value);
  if (!Number.isFinite(number)) return String(value);
  return number.toLocaleString(undefined, { maximumFractionDigits: digits });
}

/** A signed amount: "+12.5" or "-3.2", for PnL. */
export function signed(value: string | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return '–';
  const number = Number(value);
  return `${number > 0 ? '+' : ''}${decimal(value, digits)}`;
}

export function pnlClass(value: string | null | undefined): string | undefined {
  const number = Number(value);
  if (!value || number === 0 || !Number.isFinite(number)) return undefined;
  return number > 0 ? 'gain' : 'loss';
}

export function dateTime(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return new Date(value).toLocaleString();
}

/** "12 s ago" style, for the last tick. */
export function ago(value: string | null | undefined, now = Date.now()): string {
  if (!value) return 'never';
  const seconds = Math.max(0, Math.round((now - Date.parse(value)) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h ago`;
  return dateTime(value);
}

/** The daily counter counts entries (buys), which the limits cap. */
export function entries(count: number): string {
  return `${count} ${count === 1 ? 'entry' : 'entries'}`;
}
