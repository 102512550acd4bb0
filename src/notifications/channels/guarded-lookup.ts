import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { Injectable } from '@nestjs/common';
import type { WebhookTargetPolicy } from '../webhook-target';

/** Resolves a host name to all its addresses: the DNS boundary, which tests replace. */
export abstract class HostResolver {
  abstract resolve(hostname: string): Promise<LookupAddress[]>;
}

/** getaddrinfo (/etc/hosts, then DNS), as Node's sockets resolve by default. */
@Injectable()
export class SystemHostResolver extends HostResolver {
  resolve(hostname: string): Promise<LookupAddress[]> {
    return lookup(hostname, { all: true, verbatim: true });
  }
}

/** A host name resolved to an address the policy does not permit. */
export class RefusedTargetError extends Error {
  override name = 'RefusedTargetError';
}

/**
 * A socket `lookup` that refuses the connection unless every address the name has is
 * permitted. The socket connects only to addresses handed out here, so the check is on
 * the address actually connected to: a name that resolved to a public address when the
 * channel was saved and to a private one now (DNS rebinding) gets no connection at all.
 */
export function guardedLookup(resolver: HostResolver, policy: WebhookTargetPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolver.resolve(hostname).then(
      (all) => {
        if (all.some(({ address }) => !policy.permits(hostname, address))) {
          callback(new RefusedTargetError(), '');
          return;
        }
        const family = familyNumber(options.family);
        const usable = family ? all.filter((address) => address.family === family) : all;
        if (usable.length === 0) {
          callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), '');
        } else if (options.all) {
          callback(null, usable);
        } else {
          callback(null, usable[0].address, usable[0].family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

function familyNumber(family: number | 'IPv4' | 'IPv6' | undefined): number {
  if (family === 'IPv4') return 4;
  if (family === 'IPv6') return 6;
  return family ?? 0;
}
