import { ExplainedSignal, shown } from '../explained-signal';
import { BollingerBands } from '../indicators/library';
import { defaultParams, parseWithSchema } from '../strategy-params';
import type {
  ParseParamsResult,
  SignalAction,
  Strategy,
  StrategyCandle,
  StrategyEvaluator,
  StrategyParamsSchema,
  StrategySignal,
} from '../strategy.interface';

/** The band whose reach closes the position. */
export type ExitBand = 'middle' | 'upper';

// A type alias, not an interface, so it is assignable to the registry's StrategyParams.
export type BollingerReversionParams = {
  readonly period: number;
  readonly stdDev: number;
  readonly exitAt: ExitBand;
};

const EXIT_BANDS: readonly ExitBand[] = ['middle', 'upper'];

const PARAMS_SCHEMA: StrategyParamsSchema<BollingerReversionParams> = {
  type: 'object',
  properties: {
    period: {
      type: 'integer',
      description: 'Candles of the moving average and standard deviation of the bands.',
      default: 20,
      minimum: 2,
      maximum: 1000,
    },
    stdDev: {
      type: 'number',
      description: 'Band width: standard deviations from the middle band to the outer ones.',
      default: 2,
      exclusiveMinimum: 0,
      maximum: 10,
    },
    exitAt: {
      type: 'string',
      enum: EXIT_BANDS,
      description: 'Sell when the close reaches this band: middle (the mean) or upper.',
      default: 'middle',
    },
  },
  additionalProperties: false,
};

/**
 * Bollinger mean reversion (docs/builtin-strategies.md): buy when the close crosses back above
 * the lower band, sell when it reaches the middle (or upper) band. Bands from trading-signals:
 * an SMA and a population standard deviation, as TA-Lib's BBANDS.
 */
export class BollingerReversionStrategy implements Strategy<BollingerReversionParams> {
  readonly key = 'bollinger-reversion';
  readonly description =
    'Buys when the close crosses back above the lower Bollinger band; sells when it reaches ' +
    'the middle (or upper) band.';
  readonly paramsSchema = PARAMS_SCHEMA;
  readonly defaults = defaultParams(PARAMS_SCHEMA);

  parseParams(raw: unknown): ParseParamsResult<BollingerReversionParams> {
    return parseWithSchema(PARAMS_SCHEMA, raw);
  }

  /** The bands at t and t-1: the first bands come with the period-th close. */
  warmup(params: BollingerReversionParams): number {
    return params.period + 1;
  }

  createEvaluator(params: BollingerReversionParams): StrategyEvaluator {
    return new BollingerReversionEvaluator(params, this.warmup(params));
  }
}

/** What the latest update saw; its sentence is written only when someone reads it. */
const enum Outcome {
  WarmingUp,
  Inside,
  BelowLower,
  Buy,
  Sell,
}

const ACTION_OF: Record<Outcome, SignalAction> = {
  [Outcome.WarmingUp]: 'none',
  [Outcome.Inside]: 'none',
  [Outcome.BelowLower]: 'none',
  [Outcome.Buy]: 'buy',
  [Outcome.Sell]: 'sell',
};

/**
 * The rule on one candle after the warm-up. The exit goes first: a close that jumps from
 * below the lower band to the target is no entry, the reversion it bets on is over.
 */
function outcomeOf(
  prevClose: number,
  prevLower: number,
  close: number,
  lower: number,
  target: number,
): Outcome {
  if (close >= target) return Outcome.Sell;
  if (prevClose <= prevLower && close > lower) return Outcome.Buy;
  return close <= lower ? Outcome.BelowLower : Outcome.Inside;
}

class BollingerReversionEvaluator implements StrategyEvaluator {
  readonly signal: ExplainedSignal;
  private readonly indicators = { upper: Number.NaN, middle: Number.NaN, lower: Number.NaN };
  private readonly bands: BollingerBands;
  private readonly exitAt: ExitBand;
  private seen = 0;
  private close = Number.NaN;
  private outcome = Outcome.WarmingUp;

  constructor(
    params: BollingerReversionParams,
    private readonly warmup: number,
  ) {
    this.bands = new BollingerBands(params.period, params.stdDev);
    this.exitAt = params.exitAt;
    this.signal = new ExplainedSignal(this.indicators, () => this.reason());
  }

  update(candle: StrategyCandle): StrategySignal {
    const ind = this.indicators;
    const prevClose = this.close;
    const prevLower = ind.lower;
    const close = candle.close;
    this.close = close;
    const bands = this.bands.add(close);
    ind.upper = bands?.upper ?? Number.NaN;
    ind.middle = bands?.middle ?? Number.NaN;
    ind.lower = bands?.lower ?? Number.NaN;
    if (this.seen < this.warmup) this.seen++;
    if (this.seen < this.warmup) return this.settle(Outcome.WarmingUp);
    const target = this.exitAt === 'upper' ? ind.upper : ind.middle;
    return this.settle(outcomeOf(prevClose, prevLower, close, ind.lower, target));
  }

  private settle(outcome: Outcome): StrategySignal {
    this.outcome = outcome;
    this.signal.action = ACTION_OF[outcome];
    return this.signal;
  }

  private reason(): string {
    const ind = this.indicators;
    const close = shown(this.close);
    const lower = shown(ind.lower);
    const target = shown(this.exitAt === 'upper' ? ind.upper : ind.middle);
    switch (this.outcome) {
      case Outcome.WarmingUp:
        return `warming up: ${this.seen} of ${this.warmup} candles`;
      case Outcome.Inside:
        return `close ${close} between the lower band ${lower} and the ${this.exitAt} band ${target}`;
      case Outcome.BelowLower:
        return `close ${close} at or below the lower band ${lower}: waiting for a close above it`;
      case Outcome.Buy:
        return `close ${close} crossed back above the lower band ${lower}`;
      case Outcome.Sell:
        return `close ${close} reached the ${this.exitAt} band ${target}`;
    }
  }
}
