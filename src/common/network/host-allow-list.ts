import { BlockList, isIP } from 'node:net';

// A DNS name: labels of letters, digits and hyphens, with or without the root dot.
const HOST_NAME = /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*\.?$/i;

/** The entries of a comma-separated list, trimmed, empty ones dropped. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** The entries that are neither an IP address, a CIDR range nor a host name. */
export function invalidAllowListEntries(entries: readonly string[]): string[] {
  return entries.filter((entry) => {
    try {
      HostAllowList.parse([entry]);
      return false;
    } catch {
      return true;
    }
  });
}

/**
 * Hosts an operator lets outgoing requests reach although their addresses are special
 * (a receiver on the server's own network): IP addresses, CIDR ranges, and host names
 * trusted by name whatever they resolve to.
 */
export class HostAllowList {
  private constructor(
    private readonly ranges: BlockList,
    private readonly names: ReadonlySet<string>,
  ) {}

  /** Throws on an entry that is neither an address, a CIDR range nor a host name. */
  static parse(entries: readonly string[]): HostAllowList {
    const ranges = new BlockList();
    const names = new Set<string>();
    for (const entry of entries) {
      const [address, prefix, ...rest] = entry.split('/');
      const family = isIP(address);
      if (family !== 0 && rest.length === 0) {
        const type = family === 4 ? 'ipv4' : 'ipv6';
        if (prefix === undefined) ranges.addAddress(address, type);
        else ranges.addSubnet(address, parsePrefix(prefix, family === 4 ? 32 : 128), type);
      } else if (HOST_NAME.test(entry) && !/^[\d.]+$/.test(entry)) {
        names.add(normalName(entry));
      } else {
        throw new TypeError(`not an address, CIDR range or host name: ${entry}`);
      }
    }
    return new HostAllowList(ranges, names);
  }

  allowsName(hostname: string): boolean {
    return this.names.has(normalName(hostname));
  }

  allowsAddress(address: string): boolean {
    const bare = address.replace(/%.*$/, '');
    const family = isIP(bare);
    return family !== 0 && this.ranges.check(bare, family === 4 ? 'ipv4' : 'ipv6');
  }
}

function parsePrefix(text: string, bits: number): number {
  const prefix = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
  if (!(prefix <= bits)) throw new TypeError(`not a prefix length: /${text}`);
  return prefix;
}

function normalName(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, '');
}
