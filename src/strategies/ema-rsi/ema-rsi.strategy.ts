import { ExplainedSignal } from '../explained-signal';
import { EmaStream } from '../indicators/ema';
import { RsiStream } from '../indicators/rsi';
import { defaultParams, parseWithRules, periodParam } from '../strategy-params';
import {
  ACTION_CODE,
  type ParseParamsResult,
  type SignalAction,
  type Strategy,
  type StrategyCandle,
  type StrategyCandles,
  type StrategyEvaluator,
  type StrategyParamsSchema,
  type StrategySignal,
} from '../strategy.interface';

// A type alias, not an interface, so it is assignable to the registry's StrategyParams.
export type EmaRsiParams = {
  readonly emaFast: number;
  readonly emaSlow: number;
  readonly rsiPeriod: number;
  readonly rsiOverbought: number;
  readonly rsiOversold: number;
};

const rsiLevel = (description: string, value: number) =>
  ({
    type: 'number',
    description,
    default: value,
    exclusiveMinimum: 0,
    exclusiveMaximum: 100,
  }) as const;

const PARAMS_SCHEMA: StrategyParamsSchema<EmaRsiParams> = {
  type: 'object',
  properties: {
    emaFast: periodParam('Fast EMA period in candles; less than emaSlow.', 12),
    emaSlow: periodParam('Slow EMA period in candles.', 26),
    rsiPeriod: periodParam('Wilder RSI period in candles.', 14),
    rsiOverbought: rsiLevel('A buy needs RSI below this; above rsiOversold.', 70),
    rsiOversold: rsiLevel('A sell needs RSI above this.', 30),
  },
  additionalProperties: false,
};

/**
 * EMA crossover filtered by RSI (docs/trading-rules.md): buy when the fast EMA
 * crosses above the slow one while RSI is below overbought, sell when it crosses below
 * while RSI is above oversold.
 */
export class EmaRsiStrategy implements Strategy<EmaRsiParams> {
  readonly key = 'ema-rsi';
  readonly description =
    'Buys when the fast EMA crosses above the slow EMA and RSI is below overbought; ' +
    'sells when it crosses below and RSI is above oversold.';
  readonly paramsSchema = PARAMS_SCHEMA;
  readonly defaults = defaultParams(PARAMS_SCHEMA);

  parseParams(raw: unknown): ParseParamsResult<EmaRsiParams> {
    return parseWithRules(PARAMS_SCHEMA, raw, [
      { field: 'emaFast', limit: 'emaSlow' },
      { field: 'rsiOversold', limit: 'rsiOverbought' },
    ]);
  }

  /** The slow EMA at t and t-1 (emaSlow + 1 closes) and RSI at t (rsiPeriod + 1). */
  warmup(params: EmaRsiParams): number {
    return Math.max(params.emaSlow, params.rsiPeriod) + 1;
  }

  createEvaluator(params: EmaRsiParams): StrategyEvaluator {
    return new EmaRsiEvaluator(params, this.warmup(params));
  }
}

/** What the latest update saw; its sentence is written only when someone reads it. */
const enum Outcome {
  WarmingUp,
  NoCrossover,
  Buy,
  UpButOverbought,
  Sell,
  DownButOversold,
}

/** The action of each outcome, and its ACTION_CODE. */
const ACTION_OF: Record<Outcome, SignalAction> = {
  [Outcome.WarmingUp]: 'none',
  [Outcome.NoCrossover]: 'none',
  [Outcome.Buy]: 'buy',
  [Outcome.UpButOverbought]: 'none',
  [Outcome.Sell]: 'sell',
  [Outcome.DownButOversold]: 'none',
};
const CODE_OF = Int8Array.from(Object.values(ACTION_OF), (action) => ACTION_CODE[action]);

/** The rule of trading-rules.md on one candle after the warm-up. */
function outcomeOf(
  prevFast: number,
  prevSlow: number,
  fast: number,
  slow: number,
  rsi: number,
  overbought: number,
  oversold: number,
): Outcome {
  if (prevFast <= prevSlow && fast > slow) {
    return rsi < overbought ? Outcome.Buy : Outcome.UpButOverbought;
  }
  if (prevFast >= prevSlow && fast < slow) {
    return rsi > oversold ? Outcome.Sell : Outcome.DownButOversold;
  }
  return Outcome.NoCrossover;
}

class EmaRsiEvaluator implements StrategyEvaluator {
  readonly signal: ExplainedSignal;
  private readonly indicators = { emaFast: Number.NaN, emaSlow: Number.NaN, rsi: Number.NaN };
  private readonly fast: EmaStream;
  private readonly slow: EmaStream;
  private readonly rsi: RsiStream;
  private readonly overbought: number;
  private readonly oversold: number;
  private seen = 0;
  private outcome = Outcome.WarmingUp;

  constructor(
    params: EmaRsiParams,
    private readonly warmup: number,
  ) {
    this.fast = new EmaStream(params.emaFast);
    this.slow = new EmaStream(params.emaSlow);
    this.rsi = new RsiStream(params.rsiPeriod);
    this.overbought = params.rsiOverbought;
    this.oversold = params.rsiOversold;
    this.signal = new ExplainedSignal(this.indicators, () => this.reason());
  }

  update(candle: StrategyCandle): StrategySignal {
    return this.updateClose(candle.close);
  }

  private updateClose(close: number): StrategySignal {
    const ind = this.indicators;
    const prevFast = ind.emaFast;
    const prevSlow = ind.emaSlow;
    ind.emaFast = this.fast.update(close);
    ind.emaSlow = this.slow.update(close);
    ind.rsi = this.rsi.update(close);
    if (this.seen < this.warmup) {
      this.seen++;
      if (this.seen < this.warmup) return this.settle(Outcome.WarmingUp);
    }
    const { overbought, oversold } = this;
    return this.settle(
      outcomeOf(prevFast, prevSlow, ind.emaFast, ind.emaSlow, ind.rsi, overbought, oversold),
    );
  }

  /**
   * `update` over many candles: past the warm-up, the indicators' state stays in locals and
   * steps with the very functions their streams use, so the numbers are the same.
   */
  updateMany(candles: StrategyCandles, from: number, to: number, actions: Int8Array): void {
    const closes = candles.close;
    let i = from;
    for (; i < to && this.seen < this.warmup; i++) {
      actions[i - from] = ACTION_CODE[this.updateClose(closes[i]).action];
    }
    if (i === to) return;
    const { fast: fastStream, slow: slowStream, rsi: rsiStream, overbought, oversold } = this;
    let fast = fastStream.value;
    let slow = slowStream.value;
    let { prevClose, avgGain, avgLoss } = rsiStream;
    let rsi = Number.NaN;
    let outcome = this.outcome;
    for (; i < to; i++) {
      const close = closes[i];
      const prevFast = fast;
      const prevSlow = slow;
      fast = fastStream.step(fast, close);
      slow = slowStream.step(slow, close);
      const change = close - prevClose;
      prevClose = close;
      avgGain = rsiStream.smooth(avgGain, rsiStream.gainOf(change));
      avgLoss = rsiStream.smooth(avgLoss, rsiStream.lossOf(change));
      rsi = rsiStream.rsiOf(avgGain, avgLoss);
      outcome = outcomeOf(prevFast, prevSlow, fast, slow, rsi, overbought, oversold);
      actions[i - from] = CODE_OF[outcome];
    }
    fastStream.value = fast;
    slowStream.value = slow;
    rsiStream.prevClose = prevClose;
    rsiStream.avgGain = avgGain;
    rsiStream.avgLoss = avgLoss;
    const ind = this.indicators;
    ind.emaFast = fast;
    ind.emaSlow = slow;
    ind.rsi = rsi;
    this.settle(outcome);
  }

  private settle(outcome: Outcome): StrategySignal {
    this.outcome = outcome;
    this.signal.action = ACTION_OF[outcome];
    return this.signal;
  }

  private reason(): string {
    const rsi = round(this.indicators.rsi);
    switch (this.outcome) {
      case Outcome.WarmingUp:
        return `warming up: ${this.seen} of ${this.warmup} candles`;
      case Outcome.NoCrossover:
        return 'no crossover';
      case Outcome.Buy:
        return `crossover up, RSI ${rsi} < rsiOverbought ${this.overbought}`;
      case Outcome.UpButOverbought:
        return `crossover up but RSI ${rsi} >= rsiOverbought ${this.overbought}`;
      case Outcome.Sell:
        return `crossover down, RSI ${rsi} > rsiOversold ${this.oversold}`;
      case Outcome.DownButOversold:
        return `crossover down but RSI ${rsi} <= rsiOversold ${this.oversold}`;
    }
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
