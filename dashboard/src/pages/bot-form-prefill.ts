import type { Strategy } from '../api/types';
import type { ParamValue } from '../ui/strategy-param-values';
import { type BotFormValues, newBotValues, OPTIONAL_RISK } from './bot-form-values';

/** What another page (an optimization's point) hands the new-bot form. */
export interface BotPrefill {
  strategy: string;
  strategyParams: Record<string, ParamValue>;
  risk: Record<string, unknown>;
}

/** The new-bot form's address with the prefill in its query: a link that can be shared. */
export function prefillPath(prefill: BotPrefill): string {
  const query = new URLSearchParams({
    strategy: prefill.strategy,
    params: JSON.stringify(prefill.strategyParams),
    risk: JSON.stringify(prefill.risk),
  });
  return `/bots/new?${query.toString()}`;
}

function object(text: string | null): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text ?? '{}');
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

const RISK_KEYS: ReadonlySet<string> = new Set(['positionSizeQuote', ...OPTIONAL_RISK]);

/**
 * The new-bot form's values from its query: a known strategy over its defaults, the params
 * it has and the risk rules the form has; anything else is dropped. Null without a prefill.
 */
export function prefilledValues(search: string, strategies: Strategy[]): BotFormValues | null {
  const query = new URLSearchParams(search);
  const strategy = strategies.find((candidate) => candidate.key === query.get('strategy'));
  if (!strategy) return null;
  const values = newBotValues(strategy);
  const names = new Set(Object.keys(strategy.paramsSchema.properties ?? {}));
  for (const [name, value] of Object.entries(object(query.get('params')))) {
    if (!names.has(name)) continue;
    if (['number', 'boolean', 'string'].includes(typeof value)) {
      values.strategyParams[name] = value as ParamValue;
    }
  }
  for (const [key, value] of Object.entries(object(query.get('risk')))) {
    if (!RISK_KEYS.has(key) || !['number', 'string'].includes(typeof value)) continue;
    (values.risk as Record<string, unknown>)[key] = String(value);
  }
  return values;
}
