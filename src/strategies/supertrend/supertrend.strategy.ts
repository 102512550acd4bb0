import { SuperTrend } from 'trading-signals';
import { ADX } from '../indicators/library';
import { ExplainedSignal, shown } from '../explained-signal';
import { defaultParams, parseWithSchema, periodParam } from '../strategy-params';
import type {
  ParseParamsResult,
  SignalAction,
  Strategy,
  StrategyCandle,
  StrategyEvaluator,
  StrategyParamsSchema,
  StrategySignal,
} from '../strategy.interface';

export type SupertrendParams = {
  readonly atrPeriod: number;
  readonly multiplier: number;
  readonly requireAdx: boolean;
  readonly adxPeriod: number;
  readonly adxThreshold: number;
};

const PARAMS_SCHEMA: StrategyParamsSchema<SupertrendParams> = {
  type: 'object',
  properties: {
    atrPeriod: periodParam('ATR period in candles (Wilder smoothing) of the SuperTrend bands.', 10),
    multiplier: {
      type: 'number',
      description: 'Band distance from the candle midpoint (high + low) / 2, in ATRs.',
      default: 3,
      exclusiveMinimum: 0,
      maximum: 100,
    },
    requireAdx: {
      type: 'boolean',
      description: 'Buy on an upward flip only when ADX is above adxThreshold (a trending market).',
      default: false,
    },
    adxPeriod: periodParam('ADX period in candles (Wilder smoothing).', 14),
    adxThreshold: {
      type: 'number',
      description: 'With requireAdx, the ADX a buy needs to exceed.',
      default: 25,
      exclusiveMinimum: 0,
      exclusiveMaximum: 100,
    },
  },
  additionalProperties: false,
};

/** Trend following: long while the SuperTrend points up, optionally only in an ADX trend. */
export class SupertrendStrategy implements Strategy<SupertrendParams> {
  readonly key = 'supertrend';
  readonly description =
    'Trend following: buys when the SuperTrend flips up (with requireAdx, only while ADX is ' +
    'above adxThreshold) and sells when it flips down.';
  readonly paramsSchema = PARAMS_SCHEMA;
  readonly defaults = defaultParams(PARAMS_SCHEMA);

  parseParams(raw: unknown): ParseParamsResult<SupertrendParams> {
    return parseWithSchema(PARAMS_SCHEMA, raw);
  }

  /** The SuperTrend at t and t-1 (atrPeriod + 1 candles), and ADX at t when it filters. */
  warmup(params: SupertrendParams): number {
    const trend = params.atrPeriod + 1;
    return params.requireAdx ? Math.max(trend, adxWarmup(params.adxPeriod)) : trend;
  }

  createEvaluator(params: SupertrendParams): StrategyEvaluator {
    return new SupertrendEvaluator(params, this.warmup(params));
  }
}

/** Candles until trading-signals' ADX(n) has a value: DX from the n-th, then n DX values. */
function adxWarmup(period: number): number {
  return 2 * period - 1;
}

const enum Outcome {
  WarmingUp,
  Up,
  Down,
  FlipUp,
  FlipUpWeakTrend,
  FlipDown,
}

const ACTION_OF: Record<Outcome, SignalAction> = {
  [Outcome.WarmingUp]: 'none',
  [Outcome.Up]: 'none',
  [Outcome.Down]: 'none',
  [Outcome.FlipUp]: 'buy',
  [Outcome.FlipUpWeakTrend]: 'none',
  [Outcome.FlipDown]: 'sell',
};

class SupertrendEvaluator implements StrategyEvaluator {
  readonly signal: ExplainedSignal;
  /** `direction`: 1 up, -1 down, NaN warming up. */
  private readonly indicators = { supertrend: Number.NaN, direction: Number.NaN, adx: Number.NaN };
  private readonly trend: SuperTrend;
  private readonly adx: ADX;
  private seen = 0;
  private outcome = Outcome.WarmingUp;

  constructor(
    private readonly params: SupertrendParams,
    private readonly warmup: number,
  ) {
    this.trend = new SuperTrend({ interval: params.atrPeriod, multiplier: params.multiplier });
    this.adx = new ADX(params.adxPeriod);
    this.signal = new ExplainedSignal(this.indicators, () => this.reason());
  }

  update(candle: StrategyCandle): StrategySignal {
    const ind = this.indicators;
    const previous = ind.direction;
    const trend = this.trend.update(candle, false);
    ind.supertrend = trend?.supertrend ?? Number.NaN;
    ind.direction = trend === null ? Number.NaN : trend.trend === 'BULLISH' ? 1 : -1;
    ind.adx = this.adx.update(candle, false) ?? Number.NaN;
    if (this.seen < this.warmup) this.seen++;
    if (this.seen < this.warmup) return this.settle(Outcome.WarmingUp);
    if (ind.direction === 1) {
      if (previous !== -1) return this.settle(Outcome.Up);
      const strong = !this.params.requireAdx || ind.adx > this.params.adxThreshold;
      return this.settle(strong ? Outcome.FlipUp : Outcome.FlipUpWeakTrend);
    }
    return this.settle(previous === 1 ? Outcome.FlipDown : Outcome.Down);
  }

  private settle(outcome: Outcome): StrategySignal {
    this.outcome = outcome;
    this.signal.action = ACTION_OF[outcome];
    return this.signal;
  }

  private reason(): string {
    const level = shown(this.indicators.supertrend);
    const adx = shown(this.indicators.adx);
    switch (this.outcome) {
      case Outcome.WarmingUp:
        return `warming up: ${this.seen} of ${this.warmup} candles`;
      case Outcome.Up:
        return `no flip: trend up, SuperTrend ${level}`;
      case Outcome.Down:
        return `no flip: trend down, SuperTrend ${level}`;
      case Outcome.FlipUp:
        return this.params.requireAdx
          ? `SuperTrend flipped up (${level}), ADX ${adx} > adxThreshold ${this.params.adxThreshold}`
          : `SuperTrend flipped up (${level})`;
      case Outcome.FlipUpWeakTrend:
        return `SuperTrend flipped up (${level}) but ADX ${adx} <= adxThreshold ${this.params.adxThreshold}`;
      case Outcome.FlipDown:
        return `SuperTrend flipped down (${level})`;
    }
  }
}
