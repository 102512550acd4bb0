/** A strategy's params: named numbers, as stored on a bot's config. */
export type StrategyParams = Readonly<Record<string, number>>;

/** One param in JSON Schema terms, enough for the dashboard to build a form field. */
export interface NumberParamSchema {
  readonly type: 'integer' | 'number';
  readonly description: string;
  readonly default: number;
  readonly minimum?: number;
  readonly maximum?: number;
  /** JSON Schema 2020-12 / OpenAPI 3.1 form: the bound itself is not allowed. */
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
}

/** JSON Schema of a strategy's params; every param is optional and defaults as stated. */
export interface StrategyParamsSchema<P extends StrategyParams = StrategyParams> {
  readonly type: 'object';
  readonly properties: { readonly [K in keyof P]: NumberParamSchema };
  readonly additionalProperties: false;
}

export interface ParamError {
  /** The param's name, e.g. `emaFast`; `params` when the whole value is wrong. */
  field: string;
  /** A sentence fragment for a person, e.g. `must be less than emaSlow (26)`. */
  reason: string;
}

export type ParseParamsResult<P> = { ok: true; params: P } | { ok: false; errors: ParamError[] };

export type SignalAction = 'buy' | 'sell' | 'none';

/** A signal's action as a small integer, as `StrategyEvaluator.updateMany` writes it. */
export const ACTION_CODE = { none: 0, buy: 1, sell: 2 } as const satisfies Record<
  SignalAction,
  number
>;

export interface StrategySignal {
  /**
   * 'buy' / 'sell' mean the strategy's entry / exit rule held on this candle, whatever
   * the bot holds: the caller acts on a buy only when flat and on a sell only in position.
   */
  action: SignalAction;
  /** Values for the dashboard, e.g. `emaFast`, `emaSlow`, `rsi`; NaN while warming up. */
  indicators: Record<string, number>;
  /** Why: always set for 'none' (e.g. `warming up: 12 of 27 candles`, `no crossover`). */
  reason?: string;
}

/**
 * Streaming evaluation over closed candles. To keep backtests allocation-free, `update`
 * returns the same mutable object every time (also exposed as `signal`), overwritten by
 * the next update: copy it (`copySignal`) to keep it.
 */
export interface StrategyEvaluator {
  /** Feeds the next closed candle's close (oldest first) and returns the signal on it. */
  update(close: number): StrategySignal;
  /** The latest signal; before any update, a 'none' that says it is warming up. */
  readonly signal: StrategySignal;
  /**
   * Optional, for backtests: feeds closes[from..to) as `update` would one by one, writing
   * each action's ACTION_CODE to `actions[i - from]`; `signal` is then the last one's. An
   * evaluator that keeps its state in locals across the closes gives the same actions at a
   * fraction of the cost per close. `updateMany` in strategy-evaluation.ts calls it, or
   * `update` for an evaluator without it.
   */
  updateMany?(closes: ArrayLike<number>, from: number, to: number, actions: Int8Array): void;
}

/**
 * A trading strategy: pure decision code with no framework imports, so the live engine,
 * paper trading and the backtester run the very same rules.
 */
export interface Strategy<P extends StrategyParams = StrategyParams> {
  /** Stable id stored on bot configs, e.g. `ema-rsi`. */
  readonly key: string;
  readonly description: string;
  readonly paramsSchema: StrategyParamsSchema<P>;
  readonly defaults: P;
  /**
   * Validates params from a request or a stored config: fills defaults for missing ones,
   * rejects unknown fields, wrong types and broken cross-field rules, listing every error.
   */
  parseParams(raw: unknown): ParseParamsResult<P>;
  /** Closed candles needed before the first buy or sell can come out. */
  warmup(params: P): number;
  /** A fresh evaluator; `params` must have passed `parseParams`. */
  createEvaluator(params: P): StrategyEvaluator;
  /** Runs a fresh evaluator over all closes (oldest first) and returns a copy of the last signal. */
  evaluateCloses(closes: ArrayLike<number>, params: P): StrategySignal;
}
