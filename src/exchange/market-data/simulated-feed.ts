import { createHash } from 'node:crypto';
import { type Candle } from '../../kernel/candle';
import type { SymbolInfo } from '../exchange-client.interface';
import { splitSymbol } from '../symbol-assets';
import { INTERVAL_MS, type Interval } from '../../kernel/interval';

/**
 * Deterministic made-up candles for paper bots when the exchange cannot be reached. A price
 * is a pure function of (symbol, time), so every process, restart and bot sees the same
 * series: a few slow waves (which make EMA crossovers happen) plus hash-derived noise.
 */
export function simulatedCandles(
  symbol: string,
  interval: Interval,
  slot: number,
  count: number,
): Candle[] {
  const length = INTERVAL_MS[interval];
  const seed = symbolSeed(symbol);
  const base = basePrice(seed);
  const priceAt = (time: number) => {
    const phase = time / length;
    const wave =
      0.04 * Math.sin(phase / 17 + seed) +
      0.02 * Math.sin(phase / 5.3 + seed / 7) +
      0.004 * noise(seed, Math.floor(phase));
    return base * (1 + wave);
  };
  const decimals = priceDecimals(base);
  const candles: Candle[] = [];
  for (let i = count; i >= 1; i--) {
    const openTime = slot - i * length;
    const open = priceAt(openTime);
    const close = priceAt(openTime + length);
    const spread = Math.abs(noise(seed + 1, openTime / length)) * 0.002 * base;
    candles.push({
      openTime,
      open: open.toFixed(decimals),
      high: (Math.max(open, close) + spread).toFixed(decimals),
      low: (Math.min(open, close) - spread).toFixed(decimals),
      close: close.toFixed(decimals),
      volume: (100 + Math.abs(noise(seed + 2, openTime / length)) * 900).toFixed(3),
      closeTime: openTime + length - 1,
    });
  }
  return candles;
}

/**
 * The symbol's filters as Binance sets them for a pair at its simulated price: prices on its
 * tick, quantities in steps worth 0.1 to 1 of the quote, orders of at least 5 of the quote
 * (every simulated pair is priced like a USDT pair). So paper amounts read like real ones.
 */
export function simulatedSymbolInfo(symbol: string): SymbolInfo {
  const base = basePrice(symbolSeed(symbol));
  const step = decimalUnit(Math.ceil(Math.log10(base)));
  return {
    symbol,
    ...splitSymbol(symbol),
    trading: true,
    filters: {
      tickSize: decimalUnit(priceDecimals(base)),
      stepSize: step,
      minQty: step,
      minNotional: '5',
    },
  };
}

/** Around this price the symbol's series waves: from 10 to 50,009. */
function basePrice(seed: number): number {
  return 10 + (seed % 50_000);
}

function priceDecimals(base: number): number {
  return base >= 1000 ? 2 : base >= 10 ? 4 : 6;
}

/** 10^-decimals in plain notation, as exchangeInfo writes it: 2 gives "0.01". */
function decimalUnit(decimals: number): string {
  return decimals > 0 ? `0.${'0'.repeat(decimals - 1)}1` : '1';
}

function symbolSeed(symbol: string): number {
  return createHash('sha256').update(symbol).digest().readUInt32BE(0);
}

/** A repeatable value in [-1, 1) from two integers (a cheap integer hash). */
function noise(seed: number, n: number): number {
  let h = (seed ^ Math.imul(n | 0, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 31 - 1;
}
