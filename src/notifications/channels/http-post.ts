import { type OutgoingHttpHeaders, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

/** No answer (status line and headers) came within the time allowed. */
export class PostTimeoutError extends Error {
  override name = 'PostTimeoutError';
}

export interface PostOptions {
  /** Resolves the host name; the socket connects to what it hands out and nothing else. */
  lookup: LookupFunction;
  timeoutMs: number;
}

/**
 * POSTs body to url and resolves to the answer's status. Never follows a redirect; the
 * answer's body is not read (the connection is dropped), and every request has its own
 * connection, so no pooled socket outlives the check made when it was opened.
 */
export function post(
  url: URL,
  headers: OutgoingHttpHeaders,
  body: string,
  options: PostOptions,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
        lookup: options.lookup,
        agent: false,
      },
      (response) => {
        clearTimeout(timer);
        resolve(response.statusCode!);
        response.destroy();
      },
    );
    const timer = setTimeout(() => request.destroy(new PostTimeoutError()), options.timeoutMs);
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(body);
  });
}
