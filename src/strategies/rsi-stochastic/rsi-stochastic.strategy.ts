import { RSI, StochasticOscillator } from '../indicators/library';
import { ExplainedSignal, shown } from '../explained-signal';
import { defaultParams, MAX_PERIOD, parseWithRules, periodParam } from '../strategy-params';
import type {
  ParseParamsResult,
  SignalAction,
  Strategy,
  StrategyCandle,
  StrategyEvaluator,
  StrategyParamsSchema,
  StrategySignal,
} from '../strategy.interface';

export type RsiStochasticParams = {
  readonly rsiPeriod: number;
  readonly rsiOversold: number;
  readonly rsiOverbought: number;
  readonly stochPeriod: number;
  readonly stochSmoothing: number;
  readonly stochSignalPeriod: number;
  readonly stochOversold: number;
  readonly stochOverbought: number;
};

const smoothing = (description: string, value: number) =>
  ({ type: 'integer', description, default: value, minimum: 1, maximum: MAX_PERIOD }) as const;

const level = (description: string, value: number) =>
  ({
    type: 'number',
    description,
    default: value,
    exclusiveMinimum: 0,
    exclusiveMaximum: 100,
  }) as const;

const PARAMS_SCHEMA: StrategyParamsSchema<RsiStochasticParams> = {
  type: 'object',
  properties: {
    rsiPeriod: periodParam('Wilder RSI period in candles.', 14),
    rsiOversold: level('A buy needs RSI below this; below rsiOverbought.', 30),
    rsiOverbought: level('RSI above this sells.', 70),
    stochPeriod: periodParam(
      'Stochastic %K lookback: the high-low range of this many candles.',
      14,
    ),
    stochSmoothing: smoothing('%K is the SMA of this many raw %K values (1: unsmoothed).', 3),
    stochSignalPeriod: smoothing('%D is the SMA of this many %K values.', 3),
    stochOversold: level('A buy needs %K crossing above %D while %D is below this.', 20),
    stochOverbought: level(
      '%K crossing below %D while %D is above this sells; above stochOversold.',
      80,
    ),
  },
  additionalProperties: false,
};

/**
 * Oversold bounce: buy when RSI is oversold and the stochastic %K crosses above %D in its
 * oversold zone; sell when RSI is overbought or %K crosses below %D in the overbought zone.
 */
export class RsiStochasticStrategy implements Strategy<RsiStochasticParams> {
  readonly key = 'rsi-stochastic';
  readonly description =
    'Oversold bounce: buys when RSI is below rsiOversold and stochastic %K crosses above %D ' +
    'below stochOversold; sells when RSI is above rsiOverbought or %K crosses below %D above ' +
    'stochOverbought.';
  readonly paramsSchema = PARAMS_SCHEMA;
  readonly defaults = defaultParams(PARAMS_SCHEMA);

  parseParams(raw: unknown): ParseParamsResult<RsiStochasticParams> {
    return parseWithRules(PARAMS_SCHEMA, raw, [
      { field: 'rsiOversold', limit: 'rsiOverbought' },
      { field: 'stochOversold', limit: 'stochOverbought' },
    ]);
  }

  /** RSI at t (rsiPeriod + 1 candles) and %D at t and t-1. */
  warmup(p: RsiStochasticParams): number {
    return Math.max(p.rsiPeriod + 1, p.stochPeriod + p.stochSmoothing + p.stochSignalPeriod - 1);
  }

  createEvaluator(params: RsiStochasticParams): StrategyEvaluator {
    return new RsiStochasticEvaluator(params, this.warmup(params));
  }
}

const enum Outcome {
  WarmingUp,
  Quiet,
  Buy,
  CrossUpRsiNotOversold,
  RsiOverbought,
  CrossDownOverbought,
}

const ACTION_OF: Record<Outcome, SignalAction> = {
  [Outcome.WarmingUp]: 'none',
  [Outcome.Quiet]: 'none',
  [Outcome.Buy]: 'buy',
  [Outcome.CrossUpRsiNotOversold]: 'none',
  [Outcome.RsiOverbought]: 'sell',
  [Outcome.CrossDownOverbought]: 'sell',
};

/** The rule on one candle after the warm-up. */
function outcomeOf(
  p: RsiStochasticParams,
  rsi: number,
  prevK: number,
  prevD: number,
  k: number,
  d: number,
): Outcome {
  if (prevK <= prevD && k > d && d < p.stochOversold) {
    return rsi < p.rsiOversold ? Outcome.Buy : Outcome.CrossUpRsiNotOversold;
  }
  if (rsi > p.rsiOverbought) return Outcome.RsiOverbought;
  if (prevK >= prevD && k < d && d > p.stochOverbought) return Outcome.CrossDownOverbought;
  return Outcome.Quiet;
}

class RsiStochasticEvaluator implements StrategyEvaluator {
  readonly signal: ExplainedSignal;
  private readonly indicators = { rsi: Number.NaN, stochK: Number.NaN, stochD: Number.NaN };
  private readonly rsi: RSI;
  private readonly stoch: StochasticOscillator;
  private seen = 0;
  private outcome = Outcome.WarmingUp;

  constructor(
    private readonly params: RsiStochasticParams,
    private readonly warmup: number,
  ) {
    this.rsi = new RSI(params.rsiPeriod);
    this.stoch = new StochasticOscillator({
      kPeriod: params.stochPeriod,
      kSlowingPeriod: params.stochSmoothing,
      dPeriod: params.stochSignalPeriod,
    });
    this.signal = new ExplainedSignal(this.indicators, () => this.reason());
  }

  update(candle: StrategyCandle): StrategySignal {
    const ind = this.indicators;
    const prevK = ind.stochK;
    const prevD = ind.stochD;
    ind.rsi = this.rsi.update(candle.close, false) ?? Number.NaN;
    const stoch = this.stoch.update(candle, false);
    ind.stochK = stoch?.stochK ?? Number.NaN;
    ind.stochD = stoch?.stochD ?? Number.NaN;
    if (this.seen < this.warmup) this.seen++;
    if (this.seen < this.warmup) return this.settle(Outcome.WarmingUp);
    return this.settle(outcomeOf(this.params, ind.rsi, prevK, prevD, ind.stochK, ind.stochD));
  }

  private settle(outcome: Outcome): StrategySignal {
    this.outcome = outcome;
    this.signal.action = ACTION_OF[outcome];
    return this.signal;
  }

  private reason(): string {
    const p = this.params;
    const rsi = shown(this.indicators.rsi);
    const d = shown(this.indicators.stochD);
    switch (this.outcome) {
      case Outcome.WarmingUp:
        return `warming up: ${this.seen} of ${this.warmup} candles`;
      case Outcome.Quiet:
        return 'no oversold cross and RSI not overbought';
      case Outcome.Buy:
        return `%K crossed above %D ${d} < stochOversold ${p.stochOversold}, RSI ${rsi} < rsiOversold ${p.rsiOversold}`;
      case Outcome.CrossUpRsiNotOversold:
        return `%K crossed above %D ${d} < stochOversold ${p.stochOversold} but RSI ${rsi} >= rsiOversold ${p.rsiOversold}`;
      case Outcome.RsiOverbought:
        return `RSI ${rsi} > rsiOverbought ${p.rsiOverbought}`;
      case Outcome.CrossDownOverbought:
        return `%K crossed below %D ${d} > stochOverbought ${p.stochOverbought}`;
    }
  }
}
