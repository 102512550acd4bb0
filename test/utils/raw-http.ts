import { connect } from 'node:net';

/**
 * What a server did with bytes sent as they are: an answer's status, closing without one, or
 * refusing the connection (nothing listens: the process is gone).
 */
export type RawOutcome = number | 'closed' | 'refused';

/**
 * Request lines no HTTP client would send (they normalise or refuse them), each answered or
 * closed by a server that holds: a host that is no address, a broken percent escape, the
 * absolute form, a path over 10 kB.
 */
export const MALFORMED_TARGETS = [
  '//[',
  'http://[::1',
  '/%zz',
  'http://evil.example/metrics',
  `/${'a'.repeat(10_240)}`,
];

/** A GET of `target` as written, with the Host header Node's server requires. */
export function rawGet(target: string, headers: Record<string, string> = {}): string {
  const lines = Object.entries({ host: '127.0.0.1', connection: 'close', ...headers }).map(
    ([name, value]) => `${name}: ${value}`,
  );
  return `GET ${target} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}

/** The malformed GETs, then a bare CRLF with nothing after it. */
export function malformedRequests(headers: Record<string, string> = {}): string[] {
  return [...MALFORMED_TARGETS.map((target) => rawGet(target, headers)), '\r\n'];
}

/**
 * Writes `bytes` on a fresh TCP connection and reads until the server closes: the status of
 * the first answer, or 'closed' if none came. Fails if neither happens in time. A complete
 * request head waits for its answer (Node's server drops a request whose client ends first);
 * anything shorter is followed by the end of our side, or the server would wait for the rest.
 */
export function sendRaw(port: number, bytes: string, timeoutMs = 10_000): Promise<RawOutcome> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let connected = false;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer and no close within ${timeoutMs} ms to ${requestLine(bytes)}`));
    }, timeoutMs);
    socket.once('connect', () => (connected = true));
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', () => undefined); // a reset is a close; 'close' follows.
    socket.on('close', () => {
      clearTimeout(timer);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      resolve(status ? Number(status[1]) : connected ? 'closed' : 'refused');
    });
    if (bytes.includes('\r\n\r\n')) socket.write(bytes);
    else socket.end(bytes);
  });
}

/** A request line short enough for a test's name or failure message. */
export function requestLine(bytes: string): string {
  const line = bytes.split('\r\n')[0]!;
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 40)}…(${line.length} chars)` : line);
}
