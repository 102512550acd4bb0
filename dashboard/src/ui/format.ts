/** The dashboard's words are English: its numbers are written the same way, 94,791.02. */
const LOCALE = 'en-US';

/** Decimal strings from the API, shortened for reading (the API keeps the exact value). */
export function decimal(value: string | number | null | undefined, digits = 8): string {
  if (value === null || value === undefined || value === '') return '–';
  const number = Number(value);
  if (!Number.isFinite(number)) return String(value);
  return number.toLocaleString(LOCALE, { maximumFractionDigits: digits });
}

/** Writes a number with between `min` and `max` decimals, or the value as given if not one. */
function fixed(value: string | number, min: number, max = min): string {
  const number = Number(value);
  if (value === '' || !Number.isFinite(number)) return String(value);
  return number.toLocaleString(LOCALE, { minimumFractionDigits: min, maximumFractionDigits: max });
}

/** The decimals of an exchange step as exchangeInfo writes it: "0.01000000" has 2, "1.00" none. */
export function stepDecimals(step: string | null | undefined): number | undefined {
  if (!step || !(Number(step) > 0)) return undefined;
  const fraction = step.split('.')[1]?.replace(/0+$/, '') ?? '';
  return fraction.length;
}

/** The steps and assets of a symbol that its numbers are written by (GET /api/market/symbol). */
export interface SymbolFormat {
  baseAsset?: string;
  quoteAsset?: string;
  tickSize?: string;
  stepSize?: string;
}

/** Assets whose amounts are money in cents: a fiat currency or a coin pegged to one. */
const CENT_ASSETS = new Set(['USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'DAI', 'USD', 'EUR', 'TRY']);

/**
 * A price on the symbol's tick: `94,791.02`. Without a tick size (a backtest of a CSV file),
 * two decimals at exchange-like magnitudes, more for prices below 1.
 */
export function price(value: string | number | null | undefined, tickSize?: string): string {
  if (value === null || value === undefined) return '–';
  const decimals = stepDecimals(tickSize);
  if (decimals !== undefined) return fixed(value, decimals);
  return Math.abs(Number(value)) >= 1 ? fixed(value, 2) : fixed(value, 2, 8);
}

/** A quantity of the base asset to the symbol's step, trailing zeros dropped: `0.00237`, `0`. */
export function quantity(value: string | number | null | undefined, stepSize?: string): string {
  if (value === null || value === undefined) return '–';
  return fixed(value, 0, stepDecimals(stepSize) ?? 8);
}

/**
 * An amount of an asset with its name, at the asset's usual precision: `0.10 USDT`,
 * `0.00000237 BTC`. Without an asset (a quote not known yet), in cents, the number alone.
 */
export function amount(value: string | number | null | undefined, asset?: string | null): string {
  if (value === null || value === undefined) return '–';
  const number = !asset || CENT_ASSETS.has(asset) ? fixed(value, 2) : fixed(value, 0, 8);
  return asset ? `${number} ${asset}` : number;
}

/** A signed amount for PnL: `+12.50 USDT`, `-3.20 USDT`, `0.00 USDT`. */
export function signedAmount(value: string | null | undefined, asset?: string | null): string {
  if (value === null || value === undefined) return '–';
  return `${Number(value) > 0 ? '+' : ''}${amount(value, asset)}`;
}

/** A paper bot's balances by asset name: `10,002.42 USDT, 0 BTC`. */
export function balances(
  held: { quote: string; base: string },
  symbol: SymbolFormat | undefined,
): string {
  return `${amount(held.quote, symbol?.quoteAsset ?? 'quote')}, ${quantity(held.base, symbol?.stepSize)} ${symbol?.baseAsset ?? 'base'}`;
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

/** The day's line of a bot: `0 entries today, PnL 0.00 USDT`. */
export function today(count: number, realizedPnl: string, quoteAsset?: string): string {
  return `${entries(count)} today, PnL ${signedAmount(realizedPnl, quoteAsset)}`;
}
