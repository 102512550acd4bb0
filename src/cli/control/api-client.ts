import type { components, paths } from '../api/schema';
import { CliError } from '../cli-error';

export type Schemas = components['schemas'];

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type MethodOf<P extends keyof paths> = {
  [M in Method]: paths[P][M] extends undefined ? never : M;
}[Method];
type Operation<P extends keyof paths, M extends Method> = Exclude<paths[P][M], undefined>;

type JsonOf<T> = T extends { content: { 'application/json': infer Body } } ? Body : undefined;
type SuccessStatus = 200 | 201 | 202 | 204;
export type AnswerOf<O> = O extends { responses: infer R }
  ? JsonOf<R[Extract<keyof R, SuccessStatus>]>
  : never;
type BodyOf<O> = O extends { requestBody?: { content: { 'application/json': infer Body } } }
  ? Body
  : never;
type QueryOf<O> = O extends { parameters: { query?: infer Query } } ? Query : never;
type PathParamsOf<O> = O extends { parameters: { path: infer Params } } ? Params : never;

export interface CallOptions<O> {
  params?: PathParamsOf<O>;
  query?: QueryOf<O>;
  body?: BodyOf<O>;
  /** A body sent as is (a stream of JSON), for the large backtest upload. */
  rawJson?: ReadableStream<Uint8Array>;
}

/** An answer other than 2xx: the API's message, then one line per field error. */
export class ApiError extends CliError {
  constructor(
    readonly status: number,
    readonly body: unknown,
    hint?: string,
  ) {
    const { message, details } = describeApiError(status, body);
    super(message, hint ? [...details, hint] : details);
  }

  get fieldErrors(): Schemas['FieldErrorDto'][] {
    return isErrorBody(this.body) ? (this.body.errors ?? []) : [];
  }
}

/**
 * The lines an API error prints as: the message, and each field error as `field: reason`
 * (the message of a 400 joins them, so it is left out when it says nothing more).
 */
export function describeApiError(
  status: number,
  body: unknown,
): { message: string; details: string[] } {
  if (!isErrorBody(body)) return { message: `the server answered HTTP ${status}`, details: [] };
  const errors = body.errors ?? [];
  const details = errors.map((error) => `${error.field}: ${error.reason}`);
  const joined = errors.map((error) => `${error.field} ${error.reason}`).join('; ');
  const message =
    errors.length > 0 && body.message === joined
      ? `${body.error ?? 'Bad Request'} (HTTP ${status})`
      : `${body.message} (HTTP ${status})`;
  return { message, details };
}

function isErrorBody(body: unknown): body is Schemas['ApiErrorDto'] {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { message?: unknown }).message === 'string'
  );
}

/**
 * The server's API over Node's own fetch, typed by what openapi-typescript generates from
 * the committed openapi.json (`npm run openapi:types:cli`): a route, method, body or answer
 * the API does not have fails to compile. The types cost nothing at run time, so tradebotctl
 * needs no client library in production (the dashboard's openapi-fetch is a development
 * dependency, bundled by Vite).
 */
export class ApiClient {
  private readonly base: string;

  constructor(
    server: string,
    private readonly token?: string,
  ) {
    this.base = normaliseServer(server);
  }

  async call<P extends keyof paths, M extends MethodOf<P>>(
    method: M,
    path: P,
    options: CallOptions<Operation<P, M>> = {},
  ): Promise<AnswerOf<Operation<P, M>>> {
    const url = new URL(this.base + fillPath(path, options.params));
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let body: string | ReadableStream<Uint8Array> | undefined;
    if (options.rawJson) body = options.rawJson;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(url, {
        method: method.toUpperCase(),
        headers,
        body,
        // Node's fetch sends a stream body only when told it is sent before the answer.
        ...(options.rawJson ? { duplex: 'half' } : {}),
      } as RequestInit);
    } catch (error) {
      throw new CliError(`cannot reach ${this.base}: ${networkReason(error)}`);
    }
    const text = await response.text();
    let answer: unknown;
    try {
      answer = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      throw new CliError(`${this.base} answered HTTP ${response.status} with something not JSON`);
    }
    if (!response.ok) {
      const hint =
        response.status === 401 && this.token
          ? 'the saved token was refused (expired, or the password changed): run tradebotctl login'
          : undefined;
      throw new ApiError(response.status, answer, hint);
    }
    return answer as AnswerOf<Operation<P, M>>;
  }
}

/** The server's base URL as tokens are saved under it: no trailing slash, no query. */
export function normaliseServer(server: string): string {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new CliError(`--url ${server} is not a URL (like http://localhost:3000)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(`--url ${server} must be http:// or https://`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Names this machine answers to: a login at one of them is a login at all of them. */
const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * What makes two server URLs one server: normaliseServer's form (no trailing slash, no
 * default port), with the loopback names as `localhost`.
 */
export function serverKey(server: string): string {
  const url = new URL(normaliseServer(server));
  if (LOOPBACK.test(url.hostname)) url.hostname = 'localhost';
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function fillPath(path: string, params: object | undefined): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String((params as Record<string, unknown> | undefined)?.[name] ?? '')),
  );
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
