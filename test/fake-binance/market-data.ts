import Decimal from 'decimal.js';
import { D, type Dec, toStep, wire } from './decimals';
import { unitHash } from './deterministic-random';
import { KLINE_INTERVAL_MS, type KlineInterval } from './kline-intervals';
import { PricePath, type PriceSeries, type PricePathOptions } from './price-path';
import type { SymbolSpec } from './symbol-spec';

export interface KlineQuery {
  limit: number;
  startTime?: number;
  endTime?: number;
}

/** Binance's 12 kline fields: times and the trade count as numbers, the rest as strings. */
export type KlineRow = [
  number,
  string,
  string,
  string,
  string,
  string,
  number,
  string,
  number,
  string,
  string,
  string,
];

// A 1d candle over a 1s path spans 86,400 steps; sampling keeps the high/low close enough
// without making a 1000-candle request take seconds.
const MAX_STEPS_PER_CANDLE = 1000;
// Typical traded value per minute, in quote units, before the deterministic jitter.
const QUOTE_VOLUME_PER_MINUTE = 50_000;

/** Candles and the current price of every symbol, derived from its price path and the clock. */
export class MarketData {
  private readonly paths = new Map<string, PricePath>();

  constructor(symbols: Iterable<SymbolSpec>) {
    for (const spec of symbols) {
      const price = spec.price;
      this.paths.set(spec.symbol, new PricePath(() => price, {}, 0));
    }
  }

  setPath(symbol: string, series: PriceSeries, options: PricePathOptions, now: number): void {
    if (!this.paths.has(symbol)) throw new Error(`Unknown symbol ${symbol}`);
    this.paths.set(symbol, new PricePath(series, options, now));
  }

  /** The last traded price: the close of the candle still forming. */
  currentPrice(spec: SymbolSpec, now: number): Dec {
    return toStep(new D(this.path(spec).priceAt(now)), spec.tickSize, Decimal.ROUND_HALF_UP);
  }

  /**
   * Chronological candles, the forming one last. Without startTime: the most recent `limit`
   * up to endTime; with it: the oldest `limit` from startTime, never past endTime or now.
   */
  klines(spec: SymbolSpec, interval: KlineInterval, query: KlineQuery, now: number): KlineRow[] {
    const path = this.path(spec);
    const length = KLINE_INTERVAL_MS[interval];
    const forming = Math.floor(now / length);
    const listed = Number.isFinite(path.firstTime) ? Math.floor(path.firstTime / length) : 0;
    const last =
      query.endTime === undefined ? forming : Math.min(forming, Math.floor(query.endTime / length));
    let first: number;
    let to: number;
    if (query.startTime === undefined) {
      to = last;
      first = Math.max(listed, last - query.limit + 1);
    } else {
      first = Math.max(listed, Math.ceil(query.startTime / length));
      to = Math.min(last, first + query.limit - 1);
    }
    const rows: KlineRow[] = [];
    for (let index = first; index <= to; index++) {
      rows.push(this.candle(spec, path, interval, index * length, now));
    }
    return rows;
  }

  private path(spec: SymbolSpec): PricePath {
    const path = this.paths.get(spec.symbol);
    if (!path) throw new Error(`Unknown symbol ${spec.symbol}`);
    return path;
  }

  private candle(
    spec: SymbolSpec,
    path: PricePath,
    interval: KlineInterval,
    openTime: number,
    now: number,
  ): KlineRow {
    const length = KLINE_INTERVAL_MS[interval];
    const closeTime = openTime + length - 1;
    const end = Math.min(closeTime, now);
    const rawOpen = path.priceAt(openTime - 1);
    const firstStep = path.stepAt(openTime);
    const lastStep = path.stepAt(end);
    const stride = Math.max(1, Math.ceil((lastStep - firstStep + 1) / MAX_STEPS_PER_CANDLE));
    const rawClose = path.priceAtStep(lastStep);
    let rawHigh = Math.max(rawOpen, rawClose);
    let rawLow = Math.min(rawOpen, rawClose);
    for (let step = firstStep; step < lastStep; step += stride) {
      const price = path.priceAtStep(step);
      rawHigh = Math.max(rawHigh, price);
      rawLow = Math.min(rawLow, price);
    }
    const tick = spec.tickSize;
    const open = toStep(new D(rawOpen), tick, Decimal.ROUND_HALF_UP);
    const close = toStep(new D(rawClose), tick, Decimal.ROUND_HALF_UP);
    const high = toStep(new D(rawHigh).mul(1 + path.wick), tick, Decimal.ROUND_UP);
    const low = Decimal.max(
      toStep(new D(rawLow).mul(1 - path.wick), tick, Decimal.ROUND_DOWN),
      tick,
    );

    // Volume is jittered per candle but fixed across requests, and grows while the candle forms.
    const jitter = unitHash(`${spec.symbol}:${interval}:${openTime}`);
    const elapsed = (end - openTime + 1) / length;
    const minutes = length / 60_000;
    const average = open.plus(close).div(2);
    const quoteTarget = new D(QUOTE_VOLUME_PER_MINUTE * (0.5 + jitter) * minutes * elapsed);
    const volume = toStep(quoteTarget.div(average), spec.lotSize.stepSize, Decimal.ROUND_DOWN);
    const takerShare = 0.35 + 0.3 * unitHash(`${spec.symbol}:${interval}:${openTime}:taker`);
    const takerBase = toStep(volume.mul(takerShare), spec.lotSize.stepSize, Decimal.ROUND_DOWN);
    const trades = Math.max(1, Math.round(40 * (0.5 + jitter) * minutes * elapsed));
    return [
      openTime,
      wire(open),
      wire(high),
      wire(low),
      wire(close),
      wire(volume),
      closeTime,
      wire(volume.mul(average)),
      trades,
      wire(takerBase),
      wire(takerBase.mul(average)),
      '0',
    ];
  }
}
