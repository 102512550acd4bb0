import type { Admission } from './weight-limiter';

/** An HTTP answer: JSON unless the body is a string (gateway pages are HTML). */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string | number>;
}

export const NOT_FOUND: Reply = {
  status: 404,
  body: '<html><body><h1>404 Not Found</h1></body></html>',
};

// Gateways in front of Binance answer 502-504 with HTML pages, not Binance JSON.
export function gatewayReply(status: number, body: string | object | undefined): Reply {
  if (body !== undefined) return { status, body };
  if (status === 500) {
    const msg = 'Internal error; unable to process your request. Please try again.';
    return { status, body: { code: -1001, msg } };
  }
  return { status, body: `<html><body><h1>${status} Gateway error</h1></body></html>` };
}

/** 429 while over the weight limit, 418 while banned; both say when to come back. */
export function rateLimitReply(
  admission: Exclude<Admission, { kind: 'admitted' }>,
  ip: string,
  limit: number,
): Reply {
  const headers = { 'Retry-After': admission.retryAfterSeconds };
  if (admission.kind === 'banned') {
    const msg = `Way too much request weight used; IP banned until ${admission.until}. Please use WebSocket Streams for live updates to avoid bans.`;
    return { status: 418, body: { code: -1003, msg }, headers };
  }
  const msg = `Too many requests; current limit of IP(${ip}) request weight per minute is ${limit}. Please use WebSocket Streams for live updates to avoid bans.`;
  return { status: 429, body: { code: -1003, msg }, headers };
}
