import connector, { type Spot } from '@binance/connector';

/** The real connector against the fake, with a timeout as production code must set one. */
export function spotClient(baseURL: string, apiKey = '', apiSecret = '', timeout = 2000): Spot {
  return new connector.Spot(apiKey, apiSecret, { baseURL, timeout });
}

export interface Rejection {
  status: number;
  code?: number;
  msg?: string;
  data: unknown;
  headers: Record<string, string | undefined>;
}

interface AxiosLikeError {
  code?: string;
  response?: { status: number; data: unknown; headers: Record<string, string | undefined> };
}

/** The HTTP answer a connector call was rejected with; fails if the call succeeded. */
export async function rejection(call: Promise<unknown>): Promise<Rejection> {
  const error = await failure(call);
  if (!error.response) throw new Error(`Expected an HTTP error answer, got ${error.code}`);
  const { status, data, headers } = error.response;
  const body = (typeof data === 'object' && data !== null ? data : {}) as {
    code?: number;
    msg?: string;
  };
  return { status, code: body.code, msg: body.msg, data, headers };
}

/** The transport error (timeout, reset) of a call that got no answer at all. */
export async function transportFailure(call: Promise<unknown>): Promise<string | undefined> {
  const error = await failure(call);
  if (error.response) throw new Error(`Expected no answer, got HTTP ${error.response.status}`);
  return error.code;
}

async function failure(call: Promise<unknown>): Promise<AxiosLikeError> {
  try {
    await call;
  } catch (error) {
    return error as AxiosLikeError;
  }
  throw new Error('Expected the call to fail');
}
