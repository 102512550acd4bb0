import { ATR, DonchianChannels } from '../indicators/library';
import { ExplainedSignal, shown } from '../explained-signal';
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

export type DonchianBreakoutParams = {
  readonly entryPeriod: number;
  readonly exitPeriod: number;
  readonly atrPeriod: number;
  readonly atrMultiple: number;
};

const PARAMS_SCHEMA: StrategyParamsSchema<DonchianBreakoutParams> = {
  type: 'object',
  properties: {
    entryPeriod: periodParam(
      'Buy when the close is above the highest high of this many candles before it.',
      20,
    ),
    exitPeriod: periodParam(
      'Sell when the close is below the lowest low of this many candles before it; at most entryPeriod.',
      10,
    ),
    atrPeriod: periodParam('ATR period in candles (Wilder smoothing) for the trailing stop.', 20),
    atrMultiple: {
      type: 'number',
      description:
        'Sell when the close falls this many ATRs below the highest close since the last buy signal.',
      default: 2,
      exclusiveMinimum: 0,
      maximum: 100,
    },
  },
  additionalProperties: false,
};

/**
 * The turtle breakout: buy on a close above the entry channel's high, sell on a close below
 * the exit channel's low or below an ATR stop trailing the highest close since the last buy
 * signal (a strategy does not see fills, so the last buy signal stands in for the entry).
 */
export class DonchianBreakoutStrategy implements Strategy<DonchianBreakoutParams> {
  readonly key = 'donchian-breakout';
  readonly description =
    'Turtle breakout: buys when the close breaks above the highest high of the last entryPeriod ' +
    'candles; sells below the lowest low of the last exitPeriod candles or atrMultiple ATRs ' +
    'under the highest close since the buy signal.';
  readonly paramsSchema = PARAMS_SCHEMA;
  readonly defaults = defaultParams(PARAMS_SCHEMA);

  parseParams(raw: unknown): ParseParamsResult<DonchianBreakoutParams> {
    // The exit window then lies within the entry one: a close cannot be above one and below the other.
    return parseWithRules(PARAMS_SCHEMA, raw, [
      { field: 'exitPeriod', limit: 'entryPeriod', orEqual: true },
    ]);
  }

  /** Both channels over the candles before t (period + 1 candles), and the ATR at t. */
  warmup(params: DonchianBreakoutParams): number {
    return Math.max(params.entryPeriod + 1, params.exitPeriod + 1, params.atrPeriod);
  }

  createEvaluator(params: DonchianBreakoutParams): StrategyEvaluator {
    return new DonchianBreakoutEvaluator(params, this.warmup(params));
  }
}

const enum Outcome {
  WarmingUp,
  InChannel,
  Breakout,
  ChannelExit,
  AtrStop,
}

const ACTION_OF: Record<Outcome, SignalAction> = {
  [Outcome.WarmingUp]: 'none',
  [Outcome.InChannel]: 'none',
  [Outcome.Breakout]: 'buy',
  [Outcome.ChannelExit]: 'sell',
  [Outcome.AtrStop]: 'sell',
};

class DonchianBreakoutEvaluator implements StrategyEvaluator {
  readonly signal: ExplainedSignal;
  private readonly indicators = {
    entryHigh: Number.NaN,
    exitLow: Number.NaN,
    atr: Number.NaN,
    atrStop: Number.NaN,
  };
  private readonly entry: DonchianChannels;
  private readonly exit: DonchianChannels;
  private readonly atr: ATR;
  /** The highest close since the last buy signal; NaN before the first. */
  private peak = Number.NaN;
  private close = Number.NaN;
  private seen = 0;
  private outcome = Outcome.WarmingUp;

  constructor(
    private readonly params: DonchianBreakoutParams,
    private readonly warmup: number,
  ) {
    this.entry = new DonchianChannels(params.entryPeriod);
    this.exit = new DonchianChannels(params.exitPeriod);
    this.atr = new ATR(params.atrPeriod);
    this.signal = new ExplainedSignal(this.indicators, () => this.reason());
  }

  update(candle: StrategyCandle): StrategySignal {
    const ind = this.indicators;
    // The channels as they stood before this candle: a breakout is measured against the past.
    ind.entryHigh = this.entry.getResult()?.upper ?? Number.NaN;
    ind.exitLow = this.exit.getResult()?.lower ?? Number.NaN;
    this.entry.update(candle, false);
    this.exit.update(candle, false);
    ind.atr = this.atr.update(candle, false) ?? Number.NaN;
    const close = candle.close;
    this.close = close;
    if (this.seen < this.warmup) this.seen++;
    if (this.seen < this.warmup) return this.settle(Outcome.WarmingUp);

    if (close > ind.entryHigh) {
      this.peak = close;
      ind.atrStop = close - this.params.atrMultiple * ind.atr;
      return this.settle(Outcome.Breakout);
    }
    if (close > this.peak) this.peak = close;
    ind.atrStop = this.peak - this.params.atrMultiple * ind.atr;
    if (close < ind.exitLow) return this.settle(Outcome.ChannelExit);
    if (close < ind.atrStop) return this.settle(Outcome.AtrStop);
    return this.settle(Outcome.InChannel);
  }

  private settle(outcome: Outcome): StrategySignal {
    this.outcome = outcome;
    this.signal.action = ACTION_OF[outcome];
    return this.signal;
  }

  private reason(): string {
    const { entryPeriod, exitPeriod } = this.params;
    const ind = this.indicators;
    const close = shown(this.close);
    switch (this.outcome) {
      case Outcome.WarmingUp:
        return `warming up: ${this.seen} of ${this.warmup} candles`;
      case Outcome.InChannel:
        return 'no breakout: close within the channels and above the ATR stop';
      case Outcome.Breakout:
        return `close ${close} above the ${entryPeriod}-candle high ${shown(ind.entryHigh)}`;
      case Outcome.ChannelExit:
        return `close ${close} below the ${exitPeriod}-candle low ${shown(ind.exitLow)}`;
      case Outcome.AtrStop:
        return `close ${close} below the ATR stop ${shown(ind.atrStop)}`;
    }
  }
}
