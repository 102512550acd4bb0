import { randomUUID } from 'node:crypto';
import { BroadcastChannel } from 'node:worker_threads';
import { InvalidInputError } from '../kernel/errors/validation.error';
import type { SymbolFilters } from '../risk/symbol-filters';

/**
 * Without filters and without a symbol that names them: quantities floor to 8 decimals,
 * Binance's finest step, which keeps sizing on the exact scaled integers; no minimums.
 */
export const DEFAULT_BACKTEST_FILTERS: SymbolFilters = { stepSize: '0.00000001' };

/** Where a backtest's filters came from, as its report says (`filters.source`). */
export type FiltersSource = 'request' | 'exchange' | 'simulated' | 'default';

/** The filters a backtest ran with, as its report gives them. */
export type ReportedFilters = SymbolFilters & { source: FiltersSource; note?: string };

/** What the API answers a backtest thread that asks for a symbol's filters. */
export type SymbolFiltersAnswer =
  | { filters: SymbolFilters }
  | { notListed: true }
  /** The exchange could not say (unreachable, budget spent): the defaults stand in. */
  | { unavailable: string };

export type SymbolFiltersLookup = (symbol: string) => Promise<SymbolFiltersAnswer>;

/** Threads and the API thread of one process meet on this channel: no task carries a port. */
const CHANNEL = 'tradebot:backtest-symbol-filters';
/** Past this the thread stops waiting and runs with the defaults. */
const ASK_TIMEOUT_MS = 20_000;

interface Ask {
  kind: 'ask';
  id: string;
  symbol: string;
}

interface Answer {
  kind: 'answer';
  id: string;
  answer: SymbolFiltersAnswer;
}

/** From a backtest thread: the API's answer for the symbol's filters. */
export function askSymbolFilters(
  symbol: string,
  timeoutMs = ASK_TIMEOUT_MS,
): Promise<SymbolFiltersAnswer> {
  const id = randomUUID();
  const channel = new BroadcastChannel(CHANNEL);
  return new Promise((resolve) => {
    const done = (answer: SymbolFiltersAnswer) => {
      clearTimeout(timer);
      channel.close();
      resolve(answer);
    };
    const timer = setTimeout(
      () => done({ unavailable: `no answer within ${timeoutMs / 1000} s` }),
      timeoutMs,
    );
    channel.onmessage = (event) => {
      const message = (event as { data: Answer | Ask }).data;
      if (message.kind === 'answer' && message.id === id) done(message.answer);
    };
    channel.postMessage({ kind: 'ask', id, symbol } satisfies Ask);
  });
}

/** On the API thread: answers every thread's asks with `lookup`; returns the closer. */
export function answerSymbolFilters(lookup: SymbolFiltersLookup): () => void {
  const channel = new BroadcastChannel(CHANNEL);
  // A listener alone never keeps the process up.
  channel.unref();
  channel.onmessage = (event) => {
    const message = (event as { data: Answer | Ask }).data;
    if (message.kind !== 'ask') return;
    const { id, symbol } = message;
    // A lookup that fails still answers, so no thread waits out its timeout.
    void lookup(symbol)
      .catch((error: unknown): SymbolFiltersAnswer => ({ unavailable: String(error) }))
      .then((answer) => channel.postMessage({ kind: 'answer', id, answer } satisfies Answer));
  };
  return () => channel.close();
}

/**
 * The filters of a request over given candles: its own, else its symbol's (the API's
 * answer), else the defaults. A symbol the exchange does not list is the caller's mistake.
 */
export async function requestFilters(
  given: SymbolFilters | undefined,
  symbol: string | undefined,
  lookup: SymbolFiltersLookup,
): Promise<ReportedFilters> {
  if (given) return { ...given, source: 'request' };
  if (symbol === undefined) return { ...DEFAULT_BACKTEST_FILTERS, source: 'default' };
  const answer = await lookup(symbol);
  if ('notListed' in answer) {
    throw new InvalidInputError([{ field: 'symbol', reason: 'is not listed on the exchange' }]);
  }
  if ('filters' in answer) return { ...answer.filters, source: 'exchange' };
  return {
    ...DEFAULT_BACKTEST_FILTERS,
    source: 'default',
    note: `${symbol}'s filters could not be had (${answer.unavailable}): the defaults were used`,
  };
}
