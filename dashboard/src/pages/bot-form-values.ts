import { DEFAULT_POSITION_SIZE_QUOTE } from '../../../src/kernel/bot-defaults';
import type { Bot, Schemas } from '../api/types';

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
] as const;

type OptionalRisk = (typeof OPTIONAL_RISK)[number];

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
  strategyParams: Record<string, number>;
  risk: { positionSizeQuote: string } & Record<OptionalRisk, string>;
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
    strategyParams: { ...strategy?.defaults },
    risk: {
      positionSizeQuote: DEFAULT_POSITION_SIZE_QUOTE,
      stopLossPct: '',
      takeProfitPct: '',
      trailingStopPct: '',
      maxDailyTrades: '',
      dailyLossLimitQuote: '',
      dailyProfitTargetQuote: '',
    },
    paper: { initialBalanceQuote: '10000', feeRate: '0.001', slippageBps: '5' },
  };
}

export function botValues(bot: Bot): BotFormValues {
  const risk = Object.fromEntries(
    OPTIONAL_RISK.map((key) => [key, bot.risk[key] === null ? '' : String(bot.risk[key])]),
  ) as Record<OptionalRisk, string>;
  return {
    name: bot.name,
    symbol: bot.symbol,
    interval: bot.interval,
    mode: bot.mode,
    credentialId: bot.credentialId ?? '',
    strategy: bot.strategy,
    strategyParams: { ...bot.strategyParams },
    risk: { positionSizeQuote: bot.risk.positionSizeQuote, ...risk },
    paper: { ...bot.paper },
  };
}

/** The API takes an integer as a number; anything else goes as typed, for it to name. */
function integerOrText(value: string): number | string {
  return /^\s*\d+\s*$/.test(value) ? Number(value) : value;
}

/** Params left empty take the strategy's defaults on the server. */
function params(values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => !Number.isNaN(value)));
}

export function createBody(values: BotFormValues): Schemas['CreateBotDto'] {
  const risk: Record<string, unknown> = { positionSizeQuote: values.risk.positionSizeQuote };
  for (const key of OPTIONAL_RISK) {
    const value = values.risk[key].trim();
    if (value) risk[key] = key === 'maxDailyTrades' ? integerOrText(value) : value;
  }
  return {
    name: values.name,
    symbol: values.symbol.trim().toUpperCase(),
    interval: values.interval,
    mode: values.mode,
    ...(values.mode === 'live' && values.credentialId ? { credentialId: values.credentialId } : {}),
    strategy: values.strategy,
    strategyParams: params(values.strategyParams) as Schemas['CreateBotDto']['strategyParams'],
    risk: risk as Schemas['RiskDto'],
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
  const changedParams = Object.entries(params(after.strategyParams)).filter(
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
    risk[key] = value === '' ? null : key === 'maxDailyTrades' ? integerOrText(value) : value;
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
