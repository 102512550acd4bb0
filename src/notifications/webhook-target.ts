import { isIP } from 'node:net';
import { HostAllowList } from '../common/network/host-allow-list';
import {
  isLocalhostName,
  type SpecialAddressKind,
  specialAddressKind,
} from '../common/network/special-address';

/**
 * All that the delivery log says of a refused target: naming the kind, the address or
 * whether a port answered would make the log a scanner of the server's network.
 */
export const REFUSED_TARGET = 'refused: private address';

const DESCRIPTIONS: Record<SpecialAddressKind, string> = {
  loopback: 'a loopback address',
  private: 'a private address',
  shared: 'a carrier-grade NAT address',
  'link-local': 'a link-local address',
  'unique-local': 'a unique-local address',
  multicast: 'a multicast address',
  unspecified: 'the unspecified address',
  broadcast: 'the broadcast address',
  reserved: 'a reserved address',
};

export interface WebhookTargetOptions {
  /** WEBHOOK_ALLOW_PRIVATE: every target goes (a server whose receivers are all local). */
  allowPrivate: boolean;
  /** WEBHOOK_ALLOW_HOSTS: these go although their addresses are special. */
  allowList: HostAllowList;
}

/**
 * Which hosts webhooks may reach: public internet hosts, unless the operator allows more.
 * Judged once on the URL (without DNS, when a channel is saved and again before sending)
 * and then on every address its host name resolves to, at connection time.
 */
export class WebhookTargetPolicy {
  constructor(private readonly options: WebhookTargetOptions) {}

  /** Why webhooks may not go to this URL's host as written, or undefined. */
  refusalOf(url: URL): string | undefined {
    const host = bareHost(url);
    if (this.options.allowPrivate || this.options.allowList.allowsName(host)) return undefined;
    if (isIP(host) !== 0) {
      const kind = specialAddressKind(host);
      return kind && !this.options.allowList.allowsAddress(host)
        ? `must not point at ${DESCRIPTIONS[kind]}; webhooks go to public addresses only`
        : undefined;
    }
    return isLocalhostName(host)
      ? `must not point at ${DESCRIPTIONS.loopback}; webhooks go to public addresses only`
      : undefined;
  }

  /** May a connection be made to address, which hostname resolved to? */
  permits(hostname: string, address: string): boolean {
    return (
      this.options.allowPrivate ||
      this.options.allowList.allowsName(hostname) ||
      specialAddressKind(address) === undefined ||
      this.options.allowList.allowsAddress(address)
    );
  }
}

/** The URL's host as DNS and sockets take it: no IPv6 brackets. */
export function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}
