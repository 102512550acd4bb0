import { BlockList, isIP } from 'node:net';

/** Why an address is not a public internet host; the key of the refusal's wording. */
export type SpecialAddressKind =
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'unique-local'
  | 'multicast'
  | 'unspecified'
  | 'broadcast'
  | 'reserved';

type Range = [network: string, prefix: number, kind: SpecialAddressKind];

// IANA's special-purpose registries; the first match names the kind, so the narrow
// ranges come before the wide ones that contain them (0.0.0.0 in 0/8, 255.255.255.255 in 240/4).
const IPV4_RANGES: Range[] = [
  ['0.0.0.0', 32, 'unspecified'],
  ['0.0.0.0', 8, 'reserved'], // "this network": Linux connects 0.x to the local host
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared'], // carrier-grade NAT, often the provider's own network
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'], // cloud metadata services live here
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'], // IETF protocol assignments
  ['192.0.2.0', 24, 'reserved'], // documentation
  ['192.88.99.0', 24, 'reserved'], // 6to4 relay anycast
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'], // benchmarking
  ['198.51.100.0', 24, 'reserved'], // documentation
  ['203.0.113.0', 24, 'reserved'], // documentation
  ['224.0.0.0', 4, 'multicast'],
  ['255.255.255.255', 32, 'broadcast'],
  ['240.0.0.0', 4, 'reserved'],
];

// Only global unicast (2000::/3) is public at all; below are its special parts, and
// everything outside it is reserved.
const IPV6_RANGES: Range[] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fe80::', 10, 'link-local'],
  ['fc00::', 7, 'unique-local'],
  ['ff00::', 8, 'multicast'],
  ['2001::', 23, 'reserved'], // IETF protocol assignments, Teredo among them
  ['2001:db8::', 32, 'reserved'], // documentation
  ['3fff::', 20, 'reserved'], // documentation
];

const GLOBAL_UNICAST = subnet('2000::', 3, 'ipv6');

// IPv6 addresses that carry an IPv4 address a packet ends up at: judged by that address.
const IPV4_MAPPED = subnet('::ffff:0:0', 96, 'ipv6'); // in the last 32 bits
const NAT64 = subnet('64:ff9b::', 96, 'ipv6'); // in the last 32 bits
const SIX_TO_FOUR = subnet('2002::', 16, 'ipv6'); // in bits 16-47

const IPV4_LISTS = IPV4_RANGES.map(([network, prefix, kind]) => ({
  kind,
  list: subnet(network, prefix, 'ipv4'),
}));
const IPV6_LISTS = IPV6_RANGES.map(([network, prefix, kind]) => ({
  kind,
  list: subnet(network, prefix, 'ipv6'),
}));

/**
 * The kind of a special-purpose address (one that is not a public internet host), or
 * undefined for a public one. Anything that is not an IP address is an error.
 */
export function specialAddressKind(address: string): SpecialAddressKind | undefined {
  const bare = address.replace(/%.*$/, ''); // an IPv6 zone says which interface, not where
  switch (isIP(bare)) {
    case 4:
      return IPV4_LISTS.find(({ list }) => list.check(bare, 'ipv4'))?.kind;
    case 6:
      return ipv6Kind(bare);
    default:
      throw new TypeError('not an IP address');
  }
}

/** localhost and every name under it are the local host (RFC 6761), whatever DNS says. */
export function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

function ipv6Kind(address: string): SpecialAddressKind | undefined {
  const words = ipv6Words(address);
  if (IPV4_MAPPED.check(address, 'ipv6') || NAT64.check(address, 'ipv6')) {
    return specialAddressKind(ipv4FromWords(words[6], words[7]));
  }
  if (SIX_TO_FOUR.check(address, 'ipv6')) {
    return specialAddressKind(ipv4FromWords(words[1], words[2]));
  }
  const special = IPV6_LISTS.find(({ list }) => list.check(address, 'ipv6'))?.kind;
  if (special) return special;
  return GLOBAL_UNICAST.check(address, 'ipv6') ? undefined : 'reserved';
}

/** The eight 16-bit words of a valid IPv6 address, `::` and a dotted IPv4 tail expanded. */
function ipv6Words(address: string): number[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  const hex = dotted
    ? address.slice(0, dotted.index) +
      `${((+dotted[1] << 8) | +dotted[2]).toString(16)}:${((+dotted[3] << 8) | +dotted[4]).toString(16)}`
    : address;
  const [head, tail] = hex.split('::');
  const parse = (part: string | undefined) =>
    part ? part.split(':').map((word) => parseInt(word, 16)) : [];
  const left = parse(head);
  const right = parse(tail);
  const zeros = tail === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...zeros, ...right];
}

function ipv4FromWords(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

function subnet(network: string, prefix: number, type: 'ipv4' | 'ipv6'): BlockList {
  const list = new BlockList();
  list.addSubnet(network, prefix, type);
  return list;
}
