import { ExplainedSignal, shown } from '../explained-signal';
import { EMA, MACD } from '../indicators/library';
import { defaultParams, parseWithRules, periodParam } from '../strategy-params';
import type {
  ParseParamsResult,
  SignalAction,
  Strategy,
  StrategyCandle,
  StrategyEvaluator,
  StrategyParamsSchema,
  StrategySignal,
} from '../strategy.interface';

// A type alias, not an interface, so it is assignable to the registry's StrategyParams.
export type MacdTrendParams = {
  readonly fast: number;
  readonly slow: number;
  readonly signal: number;
  readonly trendPeriod: number;
};

const PARAMS_SCHEMA: StrategyParamsSchema<MacdTrendParams> = {
  type: 'object',
  properties: {
    fast: periodParam('Fast EMA period of the MACD line, in candles; less than slow.', 12),
    slow: periodParam('Slow EMA period of the MACD line, in candles.', 26),
    signal: periodParam('EMA period of the signal line (an EMA of the MACD line), in candles.', 9),
    trendPeriod: periodParam(
      'Trend filter: a buy needs the close above the EMA of this period.',
      200,
    ),
  },
  additionalProperties: false,
};

/**
 * MACD crossover with a trend filter (docs/builtin-strategies.md): buy when the MACD line
 * crosses above its signal line while the close is above the trend EMA, sell when it crosses
 * below. Indicators from trading-signals, EMAs seeded with their first value.
 */
export class MacdTrendStrategy implements Strategy<MacdTrendParams> {
  readonly key = 'macd-trend';
  readonly description =
    'Buys when the MACD line crosses above its signal line with the close above the trend EMA; ' +
    'sells when it crosses below.';
  readonly paramsSchema = PARAMS_SCHEMA;
  readonly defaults = defaultParams(PARAMS_SCHEMA);

  parseParams(raw: unknown): ParseParamsResult<MacdTrendParams> {
    return parseWithRules(PARAMS_SCHEMA, raw, [{ field: 'fast', limit: 'slow' }]);
  }

  /**
   * The signal line at t and t-1: the library calls it ready after `signal` MACD values, the
   * first of which comes with the slow-th close; and the trend EMA after trendPeriod closes.
   */
  warmup(params: MacdTrendParams): number {
    return Math.max(params.slow + params.signal, params.trendPeriod);
  }

  createEvaluator(params: MacdTrendParams): StrategyEvaluator {
    return new MacdTrendEvaluator(params, this.warmup(params));
  }
}

/** What the latest update saw; its sentence is written only when someone reads it. */
const enum Outcome {
  WarmingUp,
  NoCrossover,
  Buy,
  UpBelowTrend,
  Sell,
}

const ACTION_OF: Record<Outcome, SignalAction> = {
  [Outcome.WarmingUp]: 'none',
  [Outcome.NoCrossover]: 'none',
  [Outcome.Buy]: 'buy',
  [Outcome.UpBelowTrend]: 'none',
  [Outcome.Sell]: 'sell',
};

/** The rule on one candle after the warm-up. */
function outcomeOf(
  prevMacd: number,
  prevSignal: number,
  macd: number,
  signal: number,
  close: number,
  trend: number,
): Outcome {
  if (prevMacd <= prevSignal && macd > signal) {
    return close > trend ? Outcome.Buy : Outcome.UpBelowTrend;
  }
  if (prevMacd >= prevSignal && macd < signal) return Outcome.Sell;
  return Outcome.NoCrossover;
}

class MacdTrendEvaluator implements StrategyEvaluator {
  readonly signal: ExplainedSignal;
  private readonly indicators = { macd: Number.NaN, macdSignal: Number.NaN, trend: Number.NaN };
  private readonly macd: MACD;
  private readonly trend: EMA;
  /** Closes after which the library calls the signal line and the trend EMA ready. */
  private readonly signalReady: number;
  private readonly trendReady: number;
  private seen = 0;
  private close = Number.NaN;
  private outcome = Outcome.WarmingUp;

  constructor(
    params: MacdTrendParams,
    private readonly warmup: number,
  ) {
    this.macd = new MACD(new EMA(params.fast), new EMA(params.slow), new EMA(params.signal));
    this.trend = new EMA(params.trendPeriod);
    this.signalReady = params.slow + params.signal - 1;
    this.trendReady = params.trendPeriod;
    this.signal = new ExplainedSignal(this.indicators, () => this.reason());
  }

  update(candle: StrategyCandle): StrategySignal {
    const ind = this.indicators;
    const prevMacd = ind.macd;
    const prevSignal = ind.macdSignal;
    const close = candle.close;
    this.close = close;
    // update(x, false) is add(x), typed as the indicator's own result: the EMA's is never null.
    const macd = this.macd.update(close, false);
    const trend = this.trend.update(close, false);
    if (this.seen < this.warmup) this.seen++;
    const seen = this.seen;
    ind.macd = macd?.macd ?? Number.NaN;
    ind.macdSignal = macd && seen >= this.signalReady ? macd.signal : Number.NaN;
    ind.trend = seen >= this.trendReady ? trend : Number.NaN;
    if (seen < this.warmup) return this.settle(Outcome.WarmingUp);
    return this.settle(outcomeOf(prevMacd, prevSignal, ind.macd, ind.macdSignal, close, ind.trend));
  }

  private settle(outcome: Outcome): StrategySignal {
    this.outcome = outcome;
    this.signal.action = ACTION_OF[outcome];
    return this.signal;
  }

  private reason(): string {
    const close = shown(this.close);
    const trend = shown(this.indicators.trend);
    switch (this.outcome) {
      case Outcome.WarmingUp:
        return `warming up: ${this.seen} of ${this.warmup} candles`;
      case Outcome.NoCrossover:
        return 'no crossover';
      case Outcome.Buy:
        return `MACD crossed above its signal line, close ${close} > trend EMA ${trend}`;
      case Outcome.UpBelowTrend:
        return `MACD crossed above its signal line but close ${close} <= trend EMA ${trend}`;
      case Outcome.Sell:
        return 'MACD crossed below its signal line';
    }
  }
}
