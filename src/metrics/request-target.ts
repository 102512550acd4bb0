/** RFC 3986's path characters (pchar and '/'), each percent escape whole. */
const PATH = /^\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/;

/**
 * The path a request line's target names, or undefined when the target is malformed. The
 * origin form ("/metrics?x") is read as written: WHATWG URL would take "//host/metrics" for
 * another host's path. The absolute form ("http://host/metrics"), which a server must
 * accept, goes through URL.parse, which returns null where `new URL` throws.
 */
export function requestPath(target: string): string | undefined {
  const path = target.startsWith('/') ? target.split('?')[0] : absolutePath(target);
  return path !== undefined && PATH.test(path) ? path : undefined;
}

function absolutePath(target: string): string | undefined {
  const url = URL.parse(target);
  return url?.protocol === 'http:' || url?.protocol === 'https:' ? url.pathname : undefined;
}
