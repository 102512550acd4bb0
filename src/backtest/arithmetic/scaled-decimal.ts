import { money } from '../../risk/money';

/**
 * A decimal the scaled arithmetic cannot hold at its scale: the backtest falls back to the
 * decimal arithmetic, which holds any.
 */
export class Unscalable extends Error {
  constructor(what: string) {
    super(`${what} needs more decimals than the scaled arithmetic holds`);
  }
}

const PLAIN = /^(-?)(\d*)(?:\.(\d*))?$/;

/** Digits after the point, trailing zeros not counted: "1.2500" has 2, "100" has 0. */
export function decimalsOf(text: string): number {
  const fraction = PLAIN.exec(plain(text))?.[3] ?? '';
  let end = fraction.length;
  while (end > 0 && fraction.charCodeAt(end - 1) === 48) end--;
  return end;
}

/** `text * 10^scale` as an integer; Unscalable when it has more decimals than `scale`. */
export function toScaled(text: string, scale: number): bigint {
  const parts = PLAIN.exec(plain(text));
  if (!parts) throw new Error(`not a decimal: ${text}`);
  const [, sign, whole, fraction = ''] = parts;
  if (fraction.length > scale && /[1-9]/.test(fraction.slice(scale))) throw new Unscalable(text);
  const digits = `${whole}${fraction.slice(0, scale).padEnd(scale, '0')}`;
  const units = BigInt(digits === '' ? '0' : digits);
  return sign ? -units : units;
}

/** `units / 10^scale` in plain notation without trailing zeros, as `Decimal#toFixed()` prints. */
export function fromScaled(units: bigint, scale: number): string {
  if (units === 0n) return '0';
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const cut = digits.length - scale;
  let end = digits.length;
  while (end > cut && digits.charCodeAt(end - 1) === 48) end--;
  const text =
    end > cut ? `${digits.slice(0, cut)}.${digits.slice(cut, end)}` : digits.slice(0, cut);
  return negative ? `-${text}` : text;
}

/** Exponent forms ("1e-7", which String(0.0000001) prints) in plain notation. */
function plain(text: string): string {
  return text.includes('e') || text.includes('E') ? money(text).toFixed() : text;
}
