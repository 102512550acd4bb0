import { isIPv6 } from 'node:net';

/**
 * The unit a client address is throttled by: an IPv4 address (also when written as
 * IPv4-mapped IPv6), or an IPv6 /64, which one host is commonly given whole and can
 * rotate through at will.
 */
export function clientNetwork(address: string): string {
  const plain = address.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(plain);
  if (mapped) return mapped[1];
  if (!isIPv6(plain)) return plain;
  const [head, tail] = plain.split('::');
  const leading = head ? head.split(':') : [];
  const trailing = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array(8 - leading.length - trailing.length).fill('0');
  const groups = [...leading, ...zeros, ...trailing].slice(0, 4);
  return `${groups.map((group) => parseInt(group, 16).toString(16)).join(':')}::/64`;
}
