/**
 * A failed Binance call reduced to what decides its handling. Built from the answer only:
 * the request (its URL carries the signature) and its headers (the API key) never get here.
 */
export type BinanceFailure =
  | {
      kind: 'http';
      status: number;
      code?: number;
      msg?: string;
      /** The Retry-After header of a 429 or 418, in seconds. */
      retryAfterSeconds?: number;
    }
  | { kind: 'transport'; code: string };

/**
 * - `final`: the same request would fail the same way (bad key, balance, filters, params);
 * - `unknown`: the request may or may not have executed (network, 5xx, -1007);
 * - `rate_limited`: refused before execution (429, 418), to be retried after the wait;
 * - `clock_skew`: -1021, refused before execution: re-sync the clock and retry once;
 * - `no_such_order`: -2013, which Binance may answer for a while after an order executed.
 */
export type FailureClass =
  | { type: 'final'; reason: string }
  | { type: 'unknown'; reason: string }
  | { type: 'rate_limited'; reason: string; retryAfterMs: number }
  | { type: 'clock_skew'; reason: string }
  | { type: 'no_such_order'; reason: string };

/** -1121: Binance does not list the symbol. */
export const INVALID_SYMBOL = -1121;
const TIMESTAMP_OUTSIDE_WINDOW = -1021;
const NO_SUCH_ORDER = -2013;
/** Codes that say the server failed, not the request: the outcome is not known. */
const SERVER_SIDE_CODES = new Set([
  -1000, // unknown error while processing
  -1001, // internal disconnect
  -1006, // unexpected response from the message bus: execution status unknown
  -1007, // timeout waiting for the backend: execution status unknown
  -1008, // server overloaded
]);
/** Refused by a rate limit before execution; -1015 is the order-count limit. */
const RATE_LIMIT_CODES = new Set([-1003, -1015]);
/** Without a Retry-After, a limited client waits out the rest of a weight minute. */
const DEFAULT_RETRY_AFTER_MS = 60_000;

function describe(failure: BinanceFailure): string {
  if (failure.kind === 'transport') return `no answer from Binance (${failure.code})`;
  if (failure.code !== undefined) return `Binance ${failure.code}: ${failure.msg ?? ''}`.trim();
  return `Binance answered HTTP ${failure.status}`;
}

/** Pure: how a failed call is handled, by its HTTP status and Binance error code. */
export function classifyFailure(failure: BinanceFailure): FailureClass {
  const reason = describe(failure);
  if (failure.kind === 'transport') return { type: 'unknown', reason };
  const { status, code } = failure;
  if (status === 429 || status === 418 || (code !== undefined && RATE_LIMIT_CODES.has(code))) {
    const retryAfterMs =
      failure.retryAfterSeconds !== undefined
        ? failure.retryAfterSeconds * 1000
        : DEFAULT_RETRY_AFTER_MS;
    return { type: 'rate_limited', reason, retryAfterMs };
  }
  if (code === TIMESTAMP_OUTSIDE_WINDOW) return { type: 'clock_skew', reason };
  if (code === NO_SUCH_ORDER) return { type: 'no_such_order', reason };
  if (status >= 500 || (code !== undefined && SERVER_SIDE_CODES.has(code))) {
    return { type: 'unknown', reason };
  }
  // Any other 4xx (-2010 balance, -1013 filters, -2015 key, -1121 symbol, -11xx params):
  // Binance refused this request as sent.
  return { type: 'final', reason };
}

interface HttpErrorShape {
  code?: unknown;
  response?: { status?: unknown; data?: unknown; headers?: Record<string, unknown> };
}

/** The connector rejects with its HTTP client's error; only the answer's fields are read. */
export function failureOf(error: unknown): BinanceFailure {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as HttpErrorShape;
  const response = shape.response;
  if (!response || typeof response.status !== 'number') {
    return { kind: 'transport', code: typeof shape.code === 'string' ? shape.code : 'ERROR' };
  }
  const data = (
    typeof response.data === 'object' && response.data !== null ? response.data : {}
  ) as {
    code?: unknown;
    msg?: unknown;
  };
  const retryAfter = Number(response.headers?.['retry-after']);
  return {
    kind: 'http',
    status: response.status,
    ...(typeof data.code === 'number' ? { code: data.code } : {}),
    ...(typeof data.msg === 'string' ? { msg: data.msg } : {}),
    ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterSeconds: retryAfter } : {}),
  };
}

/** A failed call, carrying its classification; the message never holds key, secret or URL. */
export class BinanceRequestError extends Error {
  override name = 'BinanceRequestError';

  constructor(
    readonly failure: BinanceFailure,
    readonly classification: FailureClass = classifyFailure(failure),
  ) {
    super(classification.reason);
  }
}
