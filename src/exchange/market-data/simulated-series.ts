import { createHash } from 'node:crypto';
import { INTERVAL_MS, type Interval } from '../../kernel/interval';
import { splitSymbol } from '../symbol-assets';

/**
 * Simulated prices: a random walk whose price at any moment is a pure function of (seed,
 * time), so a window of candles is the same whatever it starts at, in every process, and
 * no two stretches share a shape. Lévy's construction of Brownian motion gives it: within a
 * segment pinned at both ends, each midpoint is drawn from the bridge between its
 * neighbours, so a price costs one descent of at most SEGMENT_BITS levels. The walk runs in
 * business time: a regime's volatility speeds its clock up or slows it down.
 */

/** Crypto majors move about 60 % a year: one second's share of it is the walk's unit. */
const ANNUAL_VOLATILITY = 0.6;
const YEAR_SECONDS = 365.25 * 24 * 3600;
const SECOND_VARIANCE = (ANNUAL_VOLATILITY * ANNUAL_VOLATILITY) / YEAR_SECONDS;
/** Segments of 2^22 s (48.5 days) begin and end at the anchor: the level stays near it. */
const SEGMENT_BITS = 22;
const SEGMENT_SECONDS = 2 ** SEGMENT_BITS;
/** A regime (volatility, drift, perhaps one gap) lasts 2^15 s, about 9 hours. */
const REGIME_SECONDS = 2 ** 15;
const REGIMES = SEGMENT_SECONDS / REGIME_SECONDS;
/** Calm to turbulent: each regime's volatility is the yearly one times one of these. */
const VOLATILITY_LEVELS = [0.4, 0.7, 1, 1, 1.4, 2.2];
/** A regime has a gap (a jump between one close and the next open) this often. */
const GAP_CHANCE = 0.25;

/** One segment's regimes, with the running sums that place a moment within them. */
interface Segment {
  volatility: Float64Array;
  /** Business time (seconds times volatility squared) before each regime, and in all. */
  clockBefore: Float64Array;
  drift: Float64Array;
  driftBefore: Float64Array;
  gapAt: Float64Array;
  gap: Float64Array;
  gapsBefore: Float64Array;
}

/**
 * The log price of a seeded walk, relative to its anchor level, at any whole second; cheap
 * to ask at millions of moments (a backtest's series), since segments are kept once built.
 */
export class SimulatedPath {
  private readonly segments = new Map<number, Segment>();

  constructor(readonly seed: number) {}

  /**
   * The walk's value (continuous part) and its gaps so far at `second`: a candle's close
   * is the continuous value at its end with the gaps up to its open, so a gap shows as the
   * next open standing apart from the close before it.
   */
  at(second: number): { walk: number; gaps: number } {
    const index = Math.floor(second / SEGMENT_SECONDS);
    const segment = this.segment(index);
    const offset = second - index * SEGMENT_SECONDS;
    const regime = Math.min(REGIMES - 1, Math.floor(offset / REGIME_SECONDS));
    const within = offset - regime * REGIME_SECONDS;
    const driftSoFar = segment.driftBefore[regime] + segment.drift[regime] * within;
    const gapsSoFar =
      segment.gapsBefore[regime] + (within >= segment.gapAt[regime] ? segment.gap[regime] : 0);
    // Trends and gaps add up over the segment; this line takes their total back out by its
    // end, so the next segment starts at the anchor level too.
    const share = offset / SEGMENT_SECONDS;
    const total = segment.driftBefore[REGIMES] + segment.gapsBefore[REGIMES];
    return {
      walk: this.bridge(index, segment, offset) + driftSoFar - share * total,
      gaps: gapsSoFar,
    };
  }

  /** The regime's volatility multiplier at `second`. */
  volatilityAt(second: number): number {
    const index = Math.floor(second / SEGMENT_SECONDS);
    const offset = second - index * SEGMENT_SECONDS;
    return this.segment(index).volatility[Math.floor(offset / REGIME_SECONDS)];
  }

  /** The Brownian bridge from 0 to 0 over the segment, at `offset`, in business time. */
  private bridge(index: number, segment: Segment, offset: number): number {
    let lo = 0;
    let hi = SEGMENT_SECONDS;
    let low = 0;
    let high = 0;
    while (offset !== lo && offset !== hi) {
      const mid = (lo + hi) / 2;
      const before = clock(segment, mid) - clock(segment, lo);
      const after = clock(segment, hi) - clock(segment, mid);
      const value =
        low +
        ((high - low) * before) / (before + after) +
        Math.sqrt((SECOND_VARIANCE * before * after) / (before + after)) *
          gaussian(this.seed, index, mid);
      if (offset < mid) {
        hi = mid;
        high = value;
      } else {
        lo = mid;
        low = value;
      }
    }
    return offset === lo ? low : high;
  }

  private segment(index: number): Segment {
    let segment = this.segments.get(index);
    if (segment) return segment;
    segment = buildSegment(this.seed, index);
    // A backtest spans a few segments; a long-running feed moves on through them.
    if (this.segments.size > 16) this.segments.clear();
    this.segments.set(index, segment);
    return segment;
  }
}

function buildSegment(seed: number, index: number): Segment {
  const volatility = new Float64Array(REGIMES);
  const clockBefore = new Float64Array(REGIMES + 1);
  const drift = new Float64Array(REGIMES);
  const driftBefore = new Float64Array(REGIMES + 1);
  const gapAt = new Float64Array(REGIMES).fill(Infinity);
  const gap = new Float64Array(REGIMES);
  const gapsBefore = new Float64Array(REGIMES + 1);
  for (let r = 0; r < REGIMES; r++) {
    const draw = (salt: number) => uniform(seed, index, SEGMENT_SECONDS + 6 * r + salt);
    volatility[r] = VOLATILITY_LEVELS[Math.floor(draw(0) * VOLATILITY_LEVELS.length)];
    const regimeMove = volatility[r] * Math.sqrt(SECOND_VARIANCE * REGIME_SECONDS);
    // A trend that moves about as far as the regime's noise: visible, not dominant.
    drift[r] = (gaussian(seed, index, SEGMENT_SECONDS + 6 * r + 1) * regimeMove) / REGIME_SECONDS;
    if (draw(2) < GAP_CHANCE) {
      gapAt[r] = Math.floor(draw(3) * REGIME_SECONDS);
      // Two to five times the regime's hourly move, either way.
      const size = (2 + 3 * draw(4)) * regimeMove * Math.sqrt(3600 / REGIME_SECONDS);
      gap[r] = draw(5) < 0.5 ? -size : size;
    }
    clockBefore[r + 1] = clockBefore[r] + volatility[r] ** 2 * REGIME_SECONDS;
    driftBefore[r + 1] = driftBefore[r] + drift[r] * REGIME_SECONDS;
    gapsBefore[r + 1] = gapsBefore[r] + gap[r];
  }
  return { volatility, clockBefore, drift, driftBefore, gapAt, gap, gapsBefore };
}

/** Business time from the segment's start to `offset`. */
function clock(segment: Segment, offset: number): number {
  const regime = Math.min(REGIMES - 1, Math.floor(offset / REGIME_SECONDS));
  const within = offset - regime * REGIME_SECONDS;
  return segment.clockBefore[regime] + segment.volatility[regime] ** 2 * within;
}

/** Candle columns as numbers, each price already on the series' tick. */
export interface SimulatedColumns {
  openTime: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  closeTime: Float64Array;
}

export interface SimulatedSeriesSpec {
  seed: number;
  interval: Interval;
  /** The first candle's openTime (ms, on the interval's grid). */
  startTime: number;
  count: number;
  /** The price at `anchorTime`: a real price last seen, or the symbol's default. */
  startPrice: number;
  /** When the price was `startPrice`; without it the walk's own level (its segment ends). */
  anchorTime?: number;
}

/**
 * `count` candles of the seeded walk, oldest first. Each candle is priced at its own open
 * and close, so its moves scale with the square root of its length, as markets' do.
 */
export function simulatedColumns(
  spec: SimulatedSeriesSpec,
  path = new SimulatedPath(spec.seed),
): SimulatedColumns {
  const { interval, startTime, count, startPrice } = spec;
  const length = INTERVAL_MS[interval];
  const seconds = (time: number) => Math.floor(time / 1000);
  const anchor =
    spec.anchorTime === undefined ? { walk: 0, gaps: 0 } : path.at(seconds(spec.anchorTime));
  const level = Math.log(startPrice) - anchor.walk - anchor.gaps;
  const decimals = priceDecimals(startPrice);
  const round = (price: number) => roundTo(price, decimals);
  const columns: SimulatedColumns = {
    openTime: new Float64Array(count),
    open: new Float64Array(count),
    high: new Float64Array(count),
    low: new Float64Array(count),
    close: new Float64Array(count),
    volume: new Float64Array(count),
    closeTime: new Float64Array(count),
  };
  let next = path.at(seconds(startTime));
  for (let i = 0; i < count; i++) {
    const openTime = startTime + i * length;
    const here = next;
    next = path.at(seconds(openTime + length));
    const open = round(Math.exp(level + here.walk + here.gaps));
    const close = round(Math.exp(level + next.walk + here.gaps));
    const volatility = path.volatilityAt(seconds(openTime));
    // The wicks reach past the body by a share of the candle's typical move.
    const move = volatility * Math.sqrt((SECOND_VARIANCE * length) / 1000);
    const wick = (salt: number) => 0.5 * move * uniform(spec.seed, openTime / length, salt);
    columns.openTime[i] = openTime;
    columns.open[i] = open;
    columns.close[i] = close;
    columns.high[i] = round(Math.max(open, close) * (1 + wick(1)));
    columns.low[i] = Math.max(round(Math.min(open, close) * (1 - wick(2))), 10 ** -decimals);
    columns.volume[i] = roundTo(
      volatility * (50 + 950 * uniform(spec.seed, openTime / length, 3)),
      3,
    );
    columns.closeTime[i] = openTime + length - 1;
  }
  return columns;
}

/**
 * Where a symbol's simulation starts without a real price: about what it traded at in late
 * 2025 for the majors, in its quote (stablecoins at 1), else a level from its name.
 */
export function defaultPrice(symbol: string): number {
  const { baseAsset, quoteAsset } = splitSymbol(symbol);
  const base = USD_PRICES[baseAsset] ?? nameLevel(baseAsset);
  const quote = USD_PRICES[quoteAsset] ?? 1;
  return base / quote;
}

const USD_PRICES: Record<string, number> = {
  USDT: 1,
  USDC: 1,
  FDUSD: 1,
  TUSD: 1,
  BUSD: 1,
  DAI: 1,
  EUR: 1.1,
  BTC: 90_000,
  ETH: 3_000,
  BNB: 600,
  SOL: 150,
  XRP: 2,
  ADA: 0.6,
  DOGE: 0.15,
  TRX: 0.25,
  AVAX: 25,
  LINK: 15,
  DOT: 4,
  LTC: 90,
  PEPE: 0.000012,
};

/** A level from 0.1 to 100 taken from the asset's name: the same for every process. */
function nameLevel(asset: string): number {
  const hash = createHash('sha256').update(asset).digest().readUInt32BE(0);
  return 0.1 * 1000 ** (hash / 2 ** 32);
}

/** Decimals of a price at this level, as Binance ticks such pairs: 94,791.02 and 0.1523. */
export function priceDecimals(price: number): number {
  return Math.min(8, Math.max(2, 4 - Math.floor(Math.log10(price))));
}

function roundTo(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

/** A seed from text (a symbol): the paper feed's walk for that symbol. */
export function textSeed(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

/** A repeatable value in [0, 1) from a seed and two integers (a cheap integer hash). */
function uniform(seed: number, a: number, b: number): number {
  let h = (seed ^ Math.imul(a | 0, 0x9e3779b1) ^ Math.imul(b | 0, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x27d4eb2f) >>> 0;
  return ((h ^ (h >>> 15)) >>> 0) / 2 ** 32;
}

/** A standard normal draw for a node of the walk (Box-Muller over two hashed uniforms). */
function gaussian(seed: number, a: number, b: number): number {
  const u = uniform(seed, a, b) || 2 ** -32;
  const v = uniform(seed ^ 0x5bd1e995, a, b);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
