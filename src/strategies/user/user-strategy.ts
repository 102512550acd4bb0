import { parseWithSchema, defaultParams } from '../strategy-params';
import type {
  ParseParamsResult,
  SignalAction,
  Strategy,
  StrategyCandle,
  StrategyEvaluator,
  StrategyParams,
  StrategyParamsSchema,
  StrategySignal,
} from '../strategy.interface';
import { paramsSchemaOf } from './param-schema-check';
import { STRATEGY_TOOLS, type StrategyDefinition } from './strategy-definition';
import { StrategyRuntimeError } from '../strategy-failure';
import { StrategyFileError } from './strategy-file.error';

const KEY = /^[a-z0-9-]{2,40}$/;
const ACTIONS: ReadonlySet<unknown> = new Set<SignalAction>(['buy', 'sell', 'none']);

/**
 * A strategy from a file in STRATEGIES_DIR, checked when loaded so that a broken file stops
 * the start (StrategyFileError), and checked on every candle so that a misbehaving one fails
 * its own tick or backtest (StrategyRuntimeError), never another bot's.
 */
export class UserStrategy implements Strategy {
  readonly key: string;
  readonly description: string;
  readonly paramsSchema: StrategyParamsSchema;
  readonly defaults: StrategyParams;

  private constructor(
    private readonly definition: StrategyDefinition,
    readonly source: string,
    readonly timeBudgetMs: number,
    schema: StrategyParamsSchema,
  ) {
    this.key = definition.key;
    this.description = definition.description;
    this.paramsSchema = schema;
    this.defaults = defaultParams(schema);
  }

  /** The file's default export as a strategy; `file` names it in every error. */
  static fromModule(module: unknown, file: string, timeBudgetMs: number): UserStrategy {
    const fail = (reason: string): never => {
      throw new StrategyFileError(file, reason);
    };
    const definition = (module as { default?: unknown } | undefined)?.default;
    if (typeof definition !== 'object' || definition === null) {
      return fail(
        'has no default export: export default { key, description, params, warmup, create }',
      );
    }
    const { key, description, warmup, create } = definition as Partial<StrategyDefinition>;
    if (typeof key !== 'string' || !KEY.test(key)) {
      return fail(`key ${JSON.stringify(key)} must match [a-z0-9-]{2,40}`);
    }
    if (typeof description !== 'string' || !description.trim()) {
      return fail('description must be a sentence for people');
    }
    if (typeof create !== 'function') return fail('create(params) must be a function');
    if (warmup !== undefined && typeof warmup !== 'function' && !isCount(warmup)) {
      return fail('warmup must be a function of the params or a whole number of candles');
    }
    const schema = paramsSchemaOf((definition as StrategyDefinition).params);
    if (!schema.ok) return fail(schema.reason);
    const strategy = new UserStrategy(
      definition as StrategyDefinition,
      file,
      timeBudgetMs,
      schema.schema,
    );
    try {
      strategy.warmup(strategy.defaults);
    } catch (error) {
      return fail(`warmup(defaults) failed: ${(error as Error).message}`);
    }
    return strategy;
  }

  parseParams(raw: unknown): ParseParamsResult<StrategyParams> {
    return parseWithSchema(this.paramsSchema, raw);
  }

  warmup(params: StrategyParams): number {
    const { warmup } = this.definition;
    const candles = typeof warmup === 'function' ? warmup({ ...params }) : (warmup ?? 0);
    if (!isCount(candles)) {
      throw new StrategyRuntimeError(
        this.key,
        `warmup returned ${String(candles)}, not a whole number`,
      );
    }
    return candles;
  }

  createEvaluator(params: StrategyParams): StrategyEvaluator {
    const instance: unknown = this.definition.create({ ...params }, STRATEGY_TOOLS);
    const update = (instance as { update?: unknown } | null)?.update;
    if (typeof update !== 'function') {
      throw new StrategyRuntimeError(this.key, 'create(params) must return { update(candle) }');
    }
    return new UserEvaluator(this.key, this.warmup(params), (candle) =>
      update.call(instance, candle),
    );
  }
}

/** Checks each signal, and holds every buy or sell until the warm-up is done. */
class UserEvaluator implements StrategyEvaluator {
  signal: StrategySignal;
  private seen = 0;

  constructor(
    private readonly key: string,
    private readonly warmupCandles: number,
    private readonly next: (candle: StrategyCandle) => unknown,
  ) {
    this.signal = this.warmingUp();
  }

  update(candle: StrategyCandle): StrategySignal {
    let raw: unknown;
    try {
      raw = this.next(Object.freeze({ ...candle }));
    } catch (error) {
      throw new StrategyRuntimeError(
        this.key,
        `update threw: ${(error as Error)?.message ?? String(error)}`,
      );
    }
    const signal = this.checked(raw);
    this.seen++;
    this.signal =
      this.seen < this.warmupCandles && signal.action !== 'none'
        ? { ...this.warmingUp(), indicators: signal.indicators }
        : signal;
    return this.signal;
  }

  private warmingUp(): StrategySignal {
    return {
      action: 'none',
      indicators: {},
      reason: `warming up: ${this.seen} of ${this.warmupCandles} candles`,
    };
  }

  private checked(raw: unknown): StrategySignal {
    const fail = (reason: string): never => {
      throw new StrategyRuntimeError(this.key, `update returned ${reason}`);
    };
    if (typeof raw !== 'object' || raw === null) return fail(`${String(raw)}, not a signal object`);
    const { action, indicators = {}, reason } = raw as Record<string, unknown>;
    if (!ACTIONS.has(action))
      return fail(`action ${JSON.stringify(action)}: not buy, sell or none`);
    if (reason !== undefined && typeof reason !== 'string')
      return fail('a reason that is not text');
    if (typeof indicators !== 'object' || indicators === null)
      return fail('indicators that are not an object');
    const values: Record<string, number> = {};
    for (const [name, value] of Object.entries(indicators)) {
      if (typeof value !== 'number' && value !== null)
        return fail(`indicator ${name} that is not a number`);
      values[name] = value ?? Number.NaN;
    }
    return {
      action: action as SignalAction,
      indicators: values,
      reason: reason ?? (action === 'none' ? 'no signal' : undefined),
    };
  }
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
