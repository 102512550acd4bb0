import createClient from 'openapi-fetch';
import { session } from '../session';
import type { paths } from './schema';
import type { FieldError, Schemas } from './types';

export const api = createClient<paths>({ baseUrl: window.location.origin });

api.use({
  onRequest({ request }) {
    const token = session.token();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    // An expired or revoked token (a password change ends every session): sign in again.
    if (response.status === 401 && !request.url.endsWith('/api/auth/login') && session.token()) {
      session.signOut('Your session has ended. Sign in again.');
    }
    return response;
  },
});

/**
 * Forgets the token here at once, and asks the server to revoke it and clear the queue
 * view's cookie. keepalive lets the request outlive the page; if it fails, the token still
 * expires on its own.
 */
export function signOut(): void {
  const token = session.token();
  session.signOut();
  if (!token) return;
  void fetch('/api/auth/logout', {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    keepalive: true,
  }).catch(() => undefined);
}

/** An answer other than 2xx, in the API's one error shape (ApiErrorDto). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Partial<Schemas['ApiErrorDto']> | undefined,
  ) {
    super(body?.message ?? `The server answered ${status}`);
  }

  get fieldErrors(): FieldError[] {
    return this.body?.errors ?? [];
  }
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The body of a 2xx answer; any other is thrown as an ApiError (React Query shows it). */
export async function ok<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    const body = typeof error === 'object' && error !== null ? error : undefined;
    throw new ApiError(response.status, body as ApiError['body']);
  }
  return data as T;
}
