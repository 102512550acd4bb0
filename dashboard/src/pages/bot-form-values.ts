import { DEFAULT_POSITION_SIZE_QUOTE } from '../../../src/kernel/bot-defaults';
import type { Bot, Schemas } from '../api/types';
import { defaultParams, type ParamValue, paramsBody } from '../ui/strategy-param-values';

export type Interval = Schemas['CreateBotDto']['interval'];

export const INTERVALS = [
  '1s',
  '1m',
  '3m',
  '5m',
  '15m',
  '30m',
  '1h',
  '2h',
  '4h',
  '6h',
  '8h',
  '12h',
  '1d',
] as const satisfies readonly Interval[];

/** Optional risk rules: an empty field turns the rule off. */
export const OPTIONAL_RISK = [
  'stopLossPct',
  'takeProfitPct',
  'trailingStopPct',
  'maxDailyTrades',
  'dailyLossLimitQuote',
  'dailyProfitTargetQuote',
  'cooldownCandles',
  'maxDrawdownPct',
  'resumeAfterCandles',
] as const;

type OptionalRisk = (typeof OPTIONAL_RISK)[number];

/** The risk params the API takes as integers; the others are decimals, sent as strings. */
const INTEGER_RISK: ReadonlySet<OptionalRisk> = new Set([
  'maxDailyTrades',
  'cooldownCandles',
  'resumeAfterCandles',
]);

/** The stop-loss guard's fields: all three set, or all empty (off). */
export const GUARD_FIELDS = ['count', 'windowCandles', 'pauseCandles'] as const;
type Guard = Record<(typeof GUARD_FIELDS)[number], string>;

/** The form's names of the optional risk fields, as the API names them in its errors. */
export const RISK_FIELDS = [
  ...OPTIONAL_RISK.map((key) => `risk.${key}`),
  'risk.stopLossGuard',
  ...GUARD_FIELDS.map((key) => `risk.stopLossGuard.${key}`),
];

/**
 * The form's values, named as the API's body is, so that an error on `risk.stopLossPct`
 * lands on the field registered under that name. Decimals stay strings, as the API has them.
 */
export interface BotFormValues {
  name: string;
  symbol: string;
  interval: Interval;
  mode: Schemas['BotMode'];
  credentialId: string;
  strategy: string;
  strategyParams: Record<string, ParamValue>;
  risk: { positionSizeQuote: string; stopLossGuard: Guard } & Record<OptionalRisk, string>;
  paper: { initialBalanceQuote: string; feeRate: string; slippageBps: string };
}

/** CreateBotDto's name: trimmed, not empty, at most 100 characters, storable text. */
export const BOT_NAME_MAX_LENGTH = 100;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The API's reason for refusing a bot name, checked before the request; none when valid. */
export function botNameError(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return 'should not be empty';
  // Counted in code points, as the API's MaxLength counts an emoji as one character.
  if ([...trimmed].length > BOT_NAME_MAX_LENGTH) {
    return `must be shorter than or equal to ${BOT_NAME_MAX_LENGTH} characters`;
  }
  if (trimmed.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(trimmed)) return 'must be well-formed Unicode (no unpaired surrogate)';
  return undefined;
}

export function newBotValues(
  strategy: Schemas['StrategyDescriptionDto'] | undefined,
): BotFormValues {
  return {
    name: '',
    symbol: 'BTCUSDT',
    interval: '1m',
    mode: 'paper',
    credentialId: '',
    strategy: strategy?.key ?? '',
    strategyParams: defaultParams(strategy),
    risk: {
      positionSizeQuote: DEFAULT_POSITION_SIZE_QUOTE,
      ...emptyRisk(),
    },
    paper: { initialBalanceQuote: '10000', feeRate: '0.001', slippageBps: '5' },
  };
}

/** Every optional risk field empty: each rule off. */
export function emptyRisk(): Record<OptionalRisk, string> & { stopLossGuard: Guard } {
  return {
    ...(Object.fromEntries(OPTIONAL_RISK.map((key) => [key, ''])) as Record<OptionalRisk, string>),
    stopLossGuard: { count: '', windowCandles: '', pauseCandles: '' },
  };
}

export function botValues(bot: Bot): BotFormValues {
  // A server without protections leaves them out: off, like null.
  const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));
  const risk = Object.fromEntries(OPTIONAL_RISK.map((key) => [key, text(bot.risk[key])])) as Record<
    OptionalRisk,
    string
  >;
  const guard = bot.risk.stopLossGuard;
  return {
    name: bot.name,
    symbol: bot.symbol,
    interval: bot.interval,
    mode: bot.mode,
    credentialId: bot.credentialId ?? '',
    strategy: bot.strategy,
    strategyParams: { ...bot.strategyParams },
    risk: {
      positionSizeQuote: bot.risk.positionSizeQuote,
      ...risk,
      stopLossGuard: {
        count: text(guard?.count),
        windowCandles: text(guard?.windowCandles),
        pauseCandles: text(guard?.pauseCandles),
      },
    },
    paper: { ...bot.paper },
  };
}

/** The API takes an integer as a number; anything else goes as typed, for it to name. */
function integerOrText(value: string): number | string {
  return /^\s*\d+\s*$/.test(value) ? Number(value) : value;
}

/** An optional risk field's value as the API takes it: integers as numbers, decimals as text. */
export function riskValue(key: OptionalRisk, value: string): number | string {
  return INTEGER_RISK.has(key) ? integerOrText(value) : value;
}

/** The guard as the API takes it; undefined when all three fields are empty (off). */
export function guardBody(guard: Guard): Record<string, number | string> | undefined {
  const values = GUARD_FIELDS.map((key) => [key, guard[key].trim()] as const);
  if (values.every(([, value]) => value === '')) return undefined;
  // A missing one goes empty, for the API to name it.
  return Object.fromEntries(values.map(([key, value]) => [key, integerOrText(value)]));
}

/** The set optional risk rules and the guard, for a create or a backtest body. */
export function riskBody(risk: BotFormValues['risk']): Schemas['RiskDto'] {
  const body: Record<string, unknown> = { positionSizeQuote: risk.positionSizeQuote };
  for (const key of OPTIONAL_RISK) {
    const value = risk[key].trim();
    if (value) body[key] = riskValue(key, value);
  }
  const guard = guardBody(risk.stopLossGuard);
  if (guard) body.stopLossGuard = guard;
  return body as Schemas['RiskDto'];
}

export function createBody(values: BotFormValues): Schemas['CreateBotDto'] {
  return {
    name: values.name,
    symbol: values.symbol.trim().toUpperCase(),
    interval: values.interval,
    mode: values.mode,
    ...(values.mode === 'live' && values.credentialId ? { credentialId: values.credentialId } : {}),
    strategy: values.strategy,
    strategyParams: paramsBody(values.strategyParams) as Schemas['CreateBotDto']['strategyParams'],
    risk: riskBody(values.risk),
    ...(values.mode === 'paper' ? { paper: values.paper } : {}),
  };
}

/**
 * Only what changed: symbol, interval and mode may not be sent to a running bot even
 * unchanged, and an emptied optional risk field is sent as null (the rule turned off).
 */
export function updateBody(before: BotFormValues, after: BotFormValues): Schemas['UpdateBotDto'] {
  const body: Record<string, unknown> = {};
  for (const key of ['name', 'interval', 'mode', 'strategy'] as const) {
    if (after[key] !== before[key]) body[key] = after[key];
  }
  const symbol = after.symbol.trim().toUpperCase();
  if (symbol !== before.symbol) body.symbol = symbol;
  if (after.mode === 'live' && after.credentialId !== before.credentialId) {
    body.credentialId = after.credentialId;
  }
  const changedParams = Object.entries(paramsBody(after.strategyParams)).filter(
    ([name, value]) => after.strategy !== before.strategy || before.strategyParams[name] !== value,
  );
  if (changedParams.length) body.strategyParams = Object.fromEntries(changedParams);
  const risk: Record<string, unknown> = {};
  if (after.risk.positionSizeQuote !== before.risk.positionSizeQuote) {
    risk.positionSizeQuote = after.risk.positionSizeQuote;
  }
  for (const key of OPTIONAL_RISK) {
    const value = after.risk[key].trim();
    if (value === before.risk[key]) continue;
    risk[key] = value === '' ? null : riskValue(key, value);
  }
  const guardBefore = guardBody(before.risk.stopLossGuard);
  const guardAfter = guardBody(after.risk.stopLossGuard);
  if (JSON.stringify(guardAfter) !== JSON.stringify(guardBefore)) {
    risk.stopLossGuard = guardAfter ?? null;
  }
  if (Object.keys(risk).length) body.risk = risk;
  const paper = Object.fromEntries(
    Object.entries(after.paper).filter(
      ([key, value]) => before.paper[key as keyof BotFormValues['paper']] !== value,
    ),
  );
  if (after.mode === 'paper' && Object.keys(paper).length) body.paper = paper;
  return body as Schemas['UpdateBotDto'];
}
