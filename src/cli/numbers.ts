import Decimal from 'decimal.js';

/** Assets written as money, with two decimals: fiat and the stablecoins that track it. */
const MONEY_ASSETS = new Set(['USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'DAI', 'USD', 'EUR', 'TRY']);
/** Binance keeps crypto balances and steps to at most eight decimals. */
const CRYPTO_PLACES = 8;

/** The decimals an amount of the asset is usually written with: 2 for money, 8 for crypto. */
export function assetPlaces(asset: string): number {
  return MONEY_ASSETS.has(asset) ? 2 : CRYPTO_PLACES;
}

/**
 * A decimal string for a table: rounded half up to `places`, thousands separated
 * (`-1791.4371` → `-1,791.44`); `trim` drops trailing zeros. `--json` keeps the exact value.
 * Not a decimal (a null, a word) is shown as it is.
 */
export function grouped(value: string, places: number, trim = false): string {
  let number: Decimal;
  try {
    number = new Decimal(value);
  } catch {
    return value;
  }
  const fixed = number
    .toDecimalPlaces(places, Decimal.ROUND_HALF_UP)
    .toFixed(trim ? undefined : places);
  const [integer, fraction] = fixed.split('.');
  const digits = integer.replace('-', '').replace(/\B(?=(\d{3})+$)/g, ',');
  const sign = integer.startsWith('-') && !/^[0.,]+$/.test(`${digits}${fraction ?? ''}`) ? '-' : '';
  return `${sign}${digits}${fraction ? `.${fraction}` : ''}`;
}

/** `-1,791.44 USDT`: an amount with its asset, to the asset's usual precision. */
export function amount(value: string, asset: string): string {
  return `${grouped(value, assetPlaces(asset))} ${asset}`;
}

/**
 * A price in the quote asset: to the quote's precision from 1 up (`94,791.02`), and to eight
 * decimals below it, where two would hide the price of a cheap coin.
 */
export function price(value: string, quoteAsset: string): string {
  const small = (() => {
    try {
      return new Decimal(value).abs().lt(1);
    } catch {
      return false;
    }
  })();
  return small ? grouped(value, CRYPTO_PLACES, true) : grouped(value, assetPlaces(quoteAsset));
}

/** A quantity of the base asset: eight decimals at most, trailing zeros dropped. */
export function quantity(value: string): string {
  return grouped(value, CRYPTO_PLACES, true);
}
