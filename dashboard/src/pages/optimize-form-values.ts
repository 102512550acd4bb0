import type { Strategy } from '../api/types';
import { type ParamSchema, paramSchemas } from '../ui/strategy-param-values';
import type { Method, Objective, SpaceRange, SpaceValue } from './optimize-types';

export const METHODS: readonly Method[] = ['grid', 'random', 'tpe'];
export const OBJECTIVES: readonly Objective[] = [
  'sharpe',
  'returnPct',
  'sortino',
  'calmar',
  'profitFactor',
  'expectancy',
];

/** The risk rules a search may vary (contract: `risk.<name>` space keys). */
export const RISK_SPACE = [
  { key: 'risk.stopLossPct', integer: false },
  { key: 'risk.takeProfitPct', integer: false },
  { key: 'risk.trailingStopPct', integer: false },
  { key: 'risk.cooldownCandles', integer: true },
] as const;

/**
 * One searchable param as the form holds it: a range (numbers) or a comma list (booleans,
 * enum words, or numbers typed as a list). `key` is the API's space key.
 */
export interface RangeValues {
  key: string;
  on: boolean;
  kind: 'range' | 'values';
  min: string;
  max: string;
  step: string;
  values: string;
}

export interface SearchValues {
  space: RangeValues[];
  method: Method;
  trials: string;
  /** Empty: the server draws one and reports it. */
  searchSeed: string;
  objective: Objective;
  minTrades: string;
  maxDrawdownPct: string;
  walkForward: {
    on: boolean;
    mode: 'rolling' | 'anchored';
    split: 'folds' | 'candles';
    folds: string;
    trainPct: string;
    trainCandles: string;
    testCandles: string;
  };
}

/** A value the way a number input writes it: no float noise such as 0.30000000000000004. */
const text = (value: number) => String(Number(value.toPrecision(12)));

/** The first range a param offers: its schema's bounds, else around its default, 5 steps. */
function defaultRange(key: string, param: ParamSchema | undefined): RangeValues {
  const off = { key, on: false, min: '', max: '', step: '', values: '' };
  if (param?.type === 'boolean') return { ...off, kind: 'values', values: 'true, false' };
  if (param?.type === 'string') return { ...off, kind: 'values', values: param.enum.join(', ') };
  const integer = param ? param.type === 'integer' : key === 'risk.cooldownCandles';
  const base = param?.default ?? (integer ? 10 : 2);
  // An exclusive bound is not offered: the range starts inside it.
  const lo = param?.minimum ?? param?.exclusiveMinimum ?? -Infinity;
  const hi = param?.maximum ?? param?.exclusiveMaximum ?? Infinity;
  const half = integer ? Math.max(1, Math.ceil(base / 2)) : base / 2;
  const double = integer ? Math.max(half + 4, Math.floor(base * 2)) : base * 2;
  // A wide schema bound (a period up to 1000) would be a vast grid: start around the default.
  const narrow =
    param?.minimum !== undefined &&
    param.maximum !== undefined &&
    hi - lo <= 4 * Math.max(1, Math.abs(base));
  const min = narrow ? lo : Math.max(lo, half);
  let max = narrow ? hi : Math.min(hi, double);
  if (max <= min) max = min + (integer ? 4 : 1);
  const step = integer ? Math.max(1, Math.round((max - min) / 4)) : (max - min) / 4;
  return { ...off, kind: 'range', min: text(min), max: text(max), step: text(step) };
}

/** Every param of the strategy, then the searchable risk rules, none searched yet. */
export function defaultSpace(strategy: Strategy | undefined): RangeValues[] {
  return [
    ...paramSchemas(strategy).map(([name, param]) => defaultRange(name, param)),
    ...RISK_SPACE.map(({ key }) => defaultRange(key, undefined)),
  ];
}

export function defaultSearch(strategy: Strategy | undefined): SearchValues {
  return {
    space: defaultSpace(strategy),
    method: 'grid',
    trials: '50',
    searchSeed: '',
    objective: 'sharpe',
    minTrades: '',
    maxDrawdownPct: '',
    walkForward: {
      on: false,
      mode: 'rolling',
      split: 'folds',
      folds: '4',
      trainPct: '75',
      trainCandles: '',
      testCandles: '',
    },
  };
}

/** A number as the API takes it, or the text as typed for the API to name the field. */
function numberOrText(value: string): number | string {
  const trimmed = value.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
}

/** A listed value typed by the param's schema: booleans, numbers, or words as written. */
function listValue(word: string, param: ParamSchema | undefined): SpaceValue {
  if (param?.type === 'boolean' && (word === 'true' || word === 'false')) return word === 'true';
  if (param?.type === 'string') return word;
  return numberOrText(word);
}

/** The searched params as the API's `space`; an empty one when none is ticked. */
export function spaceBody(space: readonly RangeValues[], strategy: Strategy | undefined) {
  const schemas = new Map(paramSchemas(strategy));
  const body: Record<string, SpaceRange> = {};
  for (const range of space) {
    if (!range.on) continue;
    if (range.kind === 'values') {
      const words = range.values.split(',').map((word) => word.trim());
      body[range.key] = {
        values: words.filter(Boolean).map((word) => listValue(word, schemas.get(range.key))),
      };
    } else {
      // Numbers as the API types them; anything else goes as typed, for the API to name.
      body[range.key] = {
        min: numberOrText(range.min),
        max: numberOrText(range.max),
        step: numberOrText(range.step),
      } as SpaceRange;
    }
  }
  return body;
}

/** Points of a grid over the space; null when a range is not yet a range. */
export function gridSize(space: readonly RangeValues[]): number | null {
  let size = 1;
  for (const range of space) {
    if (!range.on) continue;
    if (range.kind === 'values') {
      size *= range.values.split(',').filter((word) => word.trim() !== '').length;
      continue;
    }
    const [min, max, step] = [range.min, range.max, range.step].map((value) => Number(value));
    if (![min, max, step].every(Number.isFinite) || step <= 0 || max < min) return null;
    // A step that lands on max within float error counts max in, as the server's grid does.
    size *= Math.floor((max - min) / step + 1e-9) + 1;
  }
  return size;
}

/** Everything of the request but the backtest: method, objective, constraints, walk-forward. */
export function searchBody(values: SearchValues, strategy: Strategy | undefined) {
  const body: Record<string, unknown> = {
    space: spaceBody(values.space, strategy),
    method: values.method,
    objective: values.objective,
  };
  if (values.method !== 'grid') body.trials = numberOrText(values.trials);
  if (values.method !== 'grid' && values.searchSeed.trim()) {
    body.seed = numberOrText(values.searchSeed);
  }
  const constraints: Record<string, unknown> = {};
  if (values.minTrades.trim()) constraints.minTrades = numberOrText(values.minTrades);
  if (values.maxDrawdownPct.trim()) constraints.maxDrawdownPct = values.maxDrawdownPct.trim();
  if (Object.keys(constraints).length > 0) body.constraints = constraints;
  const walk = values.walkForward;
  if (walk.on) {
    body.walkForward =
      walk.split === 'folds'
        ? {
            mode: walk.mode,
            folds: numberOrText(walk.folds),
            trainPct: numberOrText(walk.trainPct),
          }
        : {
            mode: walk.mode,
            trainCandles: numberOrText(walk.trainCandles),
            testCandles: numberOrText(walk.testCandles),
          };
  }
  return body;
}

/**
 * The form field an API error lands on: `space.<key>.<part>` names the row of that key
 * (the form keys rows by index: a space key holds a dot); others are the form's own names.
 */
export function formField(apiField: string, space: readonly RangeValues[]): string {
  const match = /^space\.(.+?)(?:\.(min|max|step|values))?$/.exec(apiField);
  if (!match) {
    const renamed: Record<string, string> = {
      trials: 'trials',
      seed: 'searchSeed',
      objective: 'objective',
      'constraints.minTrades': 'minTrades',
      'constraints.maxDrawdownPct': 'maxDrawdownPct',
      'walkForward.mode': 'walkForward.mode',
      'walkForward.folds': 'walkForward.folds',
      'walkForward.trainPct': 'walkForward.trainPct',
      'walkForward.trainCandles': 'walkForward.trainCandles',
      'walkForward.testCandles': 'walkForward.testCandles',
    };
    return renamed[apiField] ?? apiField.replace(/^backtest\./, '');
  }
  const index = space.findIndex((range) => range.key === match[1]);
  if (index < 0) return apiField;
  const part = match[2] ?? (space[index].kind === 'values' ? 'values' : 'min');
  return `space.${index}.${part}`;
}
