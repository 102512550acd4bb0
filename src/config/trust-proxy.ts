import { isIP } from 'node:net';
import { splitList } from '../common/network/host-allow-list';

/** Express's names for address ranges, usable in a trust list. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const MAX_HOPS = 16;

/**
 * Which proxies may name the client (X-Forwarded-For), in Express's terms: a count of hops,
 * or the addresses and ranges of the proxies. `false` believes only the TCP peer, so a
 * client cannot choose the address its logins are throttled by.
 */
export type TrustProxy = false | number | string[];

/** Why TRUST_PROXY cannot be used, or undefined when it can. */
export function trustProxyProblem(value: string): string | undefined {
  if (/^\d+$/.test(value)) {
    return Number(value) <= MAX_HOPS ? undefined : `at most ${MAX_HOPS} hops`;
  }
  const invalid = splitList(value).filter((entry) => !isTrustEntry(entry));
  if (invalid.length === 0 && splitList(value).length > 0) return undefined;
  return (
    'must be a number of proxy hops, or comma-separated proxy addresses, CIDR ranges, ' +
    `loopback, linklocal or uniquelocal (not: ${invalid.join(', ') || value})`
  );
}

export function parseTrustProxy(value: string | undefined): TrustProxy {
  if (value === undefined) return false;
  return /^\d+$/.test(value) ? Number(value) : splitList(value);
}

function isTrustEntry(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
