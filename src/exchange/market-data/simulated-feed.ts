import { type Candle } from '../../kernel/candle';
import type { SymbolInfo } from '../exchange-client.interface';
import { splitSymbol } from '../symbol-assets';
import { INTERVAL_MS, type Interval } from '../../kernel/interval';
import {
  defaultPrice,
  priceDecimals,
  SimulatedPath,
  simulatedColumns,
  textSeed,
} from './simulated-series';

/** A real price seen before the exchange went away: the simulation carries on from it. */
export interface PriceAnchor {
  price: number;
  /** When it was the price (ms). */
  time: number;
}

/** One walk per symbol, kept: its segments are built once and shared by every window. */
const paths = new Map<string, SimulatedPath>();

/**
 * Made-up candles for paper bots when the exchange cannot be reached: the symbol's seeded
 * random walk (simulated-series.ts), which is a pure function of (symbol, time), so every
 * process, restart and bot sees the same series. It continues from `anchor`, the last real
 * price seen, when there is one, else from the symbol's default level.
 */
export function simulatedCandles(
  symbol: string,
  interval: Interval,
  slot: number,
  count: number,
  anchor?: PriceAnchor,
): Candle[] {
  const length = INTERVAL_MS[interval];
  const startPrice = anchor?.price ?? defaultPrice(symbol);
  const columns = simulatedColumns(
    {
      seed: textSeed(symbol),
      interval,
      startTime: slot - count * length,
      count,
      startPrice,
      anchorTime: anchor?.time,
    },
    pathOf(symbol),
  );
  const decimals = priceDecimals(startPrice);
  const price = (column: Float64Array, i: number) => column[i].toFixed(decimals);
  return Array.from({ length: count }, (_, i) => ({
    openTime: columns.openTime[i],
    open: price(columns.open, i),
    high: price(columns.high, i),
    low: price(columns.low, i),
    close: price(columns.close, i),
    volume: columns.volume[i].toFixed(3),
    closeTime: columns.closeTime[i],
  }));
}

/**
 * The symbol's filters as Binance sets them for a pair at its simulated price: prices on its
 * tick, quantities in steps worth 0.1 to 1 of the quote, orders of at least 5 of the quote
 * (every simulated pair is priced like a USDT pair). So paper amounts read like real ones.
 */
export function simulatedSymbolInfo(symbol: string, anchorPrice?: number): SymbolInfo {
  const price = anchorPrice ?? defaultPrice(symbol);
  const step = powerOfTen(-Math.ceil(Math.log10(price)));
  return {
    symbol,
    ...splitSymbol(symbol),
    trading: true,
    filters: {
      tickSize: powerOfTen(-priceDecimals(price)),
      stepSize: step,
      minQty: step,
      minNotional: '5',
    },
  };
}

/** 10^exponent in plain notation, as exchangeInfo writes it: -2 gives "0.01", 3 "1000". */
function powerOfTen(exponent: number): string {
  return exponent < 0 ? `0.${'0'.repeat(-exponent - 1)}1` : `1${'0'.repeat(exponent)}`;
}

function pathOf(symbol: string): SimulatedPath {
  let path = paths.get(symbol);
  if (!path) {
    path = new SimulatedPath(textSeed(symbol));
    paths.set(symbol, path);
  }
  return path;
}
