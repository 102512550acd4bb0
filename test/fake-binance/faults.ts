import type { Params } from './request-params';

/**
 * What goes wrong on one request. `executeFirst` runs the request for real (an order is
 * placed) before the fault hides the outcome from the client.
 */
export type Fault =
  /** An HTTP error from the gateway, e.g. 502/503/504; the body defaults to Binance-like text. */
  | { type: 'status'; status: number; body?: string | object; executeFirst?: boolean }
  /** A Binance error answer, e.g. -1007 (see backendTimeout). */
  | { type: 'error'; httpStatus: number; code: number; msg: string; executeFirst?: boolean }
  /**
   * Answers after `ms`. With executeFirst the request runs at once and only the answer is
   * late; without, it runs after the delay, even if the client has given up by then.
   */
  | { type: 'delay'; ms: number; executeFirst?: boolean }
  /** Destroys the connection without answering; by default after executing the request. */
  | { type: 'drop'; executeFirst?: boolean }
  /** POST /api/v3/order only: the order is accepted as NEW, funds locked, and fills after `ms`. */
  | { type: 'queue'; ms: number };

export interface FaultMatch {
  method?: string;
  path?: string;
  param?: (params: Params) => boolean;
}

export interface FaultRule {
  match?: FaultMatch;
  /** How many matching requests it hits; default 1, Infinity for all. */
  times?: number;
  fault: Fault;
}

export interface LateNotFoundRule {
  /** The order concerned; any order when omitted. */
  clientOrderId?: string;
  /** How long after the order was placed GET /api/v3/order keeps answering -2013. */
  forMs: number;
}

export const BACKEND_TIMEOUT_MSG =
  'Timeout waiting for response from backend server. Send status unknown; execution status unknown.';

/**
 * -1007 as a fault. Binance does not document its HTTP status; it is a 5xx-class outcome
 * ("execution status unknown"), so 503 here.
 */
export function backendTimeout(executeFirst = true): Fault {
  return { type: 'error', httpStatus: 503, code: -1007, msg: BACKEND_TIMEOUT_MSG, executeFirst };
}

/** Faults scripted by tests, consumed by the requests they match, in the order they were added. */
export class FaultRegistry {
  /** Offset of the server clock from the injected one: clients see -1021 until they re-sync. */
  clockSkewMs = 0;
  private rules: { match: FaultMatch; remaining: number; fault: Fault }[] = [];
  private lateRules: LateNotFoundRule[] = [];

  add({ match = {}, times = 1, fault }: FaultRule): void {
    this.rules.push({ match, remaining: times, fault });
  }

  lateNotFound(rule: LateNotFoundRule): void {
    this.lateRules.push(rule);
  }

  /** The fault for this request, if any; counts it against the rule's `times`. */
  take(method: string, path: string, params: Params): Fault | undefined {
    const index = this.rules.findIndex(
      ({ match }) =>
        (match.method === undefined || match.method === method) &&
        (match.path === undefined || match.path === path) &&
        (match.param === undefined || match.param(params)),
    );
    if (index < 0) return undefined;
    const rule = this.rules[index];
    if (--rule.remaining <= 0) this.rules.splice(index, 1);
    return rule.fault;
  }

  /** Whether GET /api/v3/order must still deny this order (Binance's lagging query path). */
  hides(order: { clientOrderId: string; time: number }, now: number): boolean {
    return this.lateRules.some(
      (rule) =>
        (rule.clientOrderId === undefined || rule.clientOrderId === order.clientOrderId) &&
        now - order.time < rule.forMs,
    );
  }

  clear(): void {
    this.rules = [];
    this.lateRules = [];
    this.clockSkewMs = 0;
  }
}
