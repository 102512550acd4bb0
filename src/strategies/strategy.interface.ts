/** One param's value: integer and number params are numbers, booleans, enums strings. */
export type StrategyParamValue = number | boolean | string;

/** A strategy's params: named values, as stored on a bot's config. */
export type StrategyParams = Readonly<Record<string, StrategyParamValue>>;

/** A number param in JSON Schema terms, enough for the dashboard to build a form field. */
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

export interface BooleanParamSchema {
  readonly type: 'boolean';
  readonly description: string;
  readonly default: boolean;
}

/** One of a list of words, e.g. `{ type: 'string', enum: ['close', 'hl2'] }`. */
export interface EnumParamSchema {
  readonly type: 'string';
  readonly enum: readonly string[];
  readonly description: string;
  readonly default: string;
}

export type ParamSchema = NumberParamSchema | BooleanParamSchema | EnumParamSchema;

/** The schema type of a param value's type: numbers, booleans and enums. */
type ParamSchemaOf<V> = V extends number
  ? NumberParamSchema
  : V extends boolean
    ? BooleanParamSchema
    : EnumParamSchema;

/** JSON Schema of a strategy's params; every param is optional and defaults as stated. */
export interface StrategyParamsSchema<P extends StrategyParams = StrategyParams> {
  readonly type: 'object';
  readonly properties: { readonly [K in keyof P]: ParamSchemaOf<P[K]> };
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

/** One closed candle as a strategy sees it: every field a number. */
export interface StrategyCandle {
  readonly openTime: number;
  readonly closeTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** Closed candles in columns, oldest first: index i of every column is candle i. */
export interface StrategyCandles {
  readonly length: number;
  readonly openTime: ArrayLike<number>;
  readonly closeTime: ArrayLike<number>;
  readonly open: ArrayLike<number>;
  readonly high: ArrayLike<number>;
  readonly low: ArrayLike<number>;
  readonly close: ArrayLike<number>;
  readonly volume: ArrayLike<number>;
}

/**
 * Streaming evaluation over closed candles. To keep backtests allocation-free, `update`
 * may return the same mutable object every time (also exposed as `signal`), overwritten by
 * the next update: copy it (`copySignal`) to keep it.
 */
export interface StrategyEvaluator {
  /** Feeds the next closed candle (oldest first) and returns the signal on it. */
  update(candle: StrategyCandle): StrategySignal;
  /** The latest signal; before any update, a 'none' that says it is warming up. */
  readonly signal: StrategySignal;
  /**
   * Optional fast path: feeds candles[from..to) as `update` would one by one, writing each
   * action's ACTION_CODE to `actions[i - from]`; `signal` is then the last one's. An
   * evaluator that reads the columns and keeps its state in locals gives the same actions
   * at a fraction of the cost. `updateMany` in strategy-evaluation.ts calls it, or `update`.
   */
  updateMany?(candles: StrategyCandles, from: number, to: number, actions: Int8Array): void;
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
  /** Where it came from: `built-in`, or the file it was loaded from. */
  readonly source?: string;
  /**
   * Milliseconds one tick's evaluation may take before it is cut off: set on strategies
   * from STRATEGIES_DIR, whose code the engine does not know; built-ins run unbudgeted.
   */
  readonly timeBudgetMs?: number;
  /**
   * Trades on signals from outside (TradingView alerts), not on candles: its evaluator says
   * 'none', and a tick acts on the bot's pending external signal instead.
   */
  readonly external?: true;
  /**
   * Validates params from a request or a stored config: fills defaults for missing ones,
   * rejects unknown fields, wrong types and broken cross-field rules, listing every error.
   */
  parseParams(raw: unknown): ParseParamsResult<P>;
  /** Closed candles needed before the first buy or sell can come out. */
  warmup(params: P): number;
  /** A fresh evaluator; `params` must have passed `parseParams`. */
  createEvaluator(params: P): StrategyEvaluator;
}
