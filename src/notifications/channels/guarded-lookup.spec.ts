import type { LookupAddress, LookupOptions } from 'node:dns';
import { HostAllowList } from '../../common/network/host-allow-list';
import { WebhookTargetPolicy } from '../webhook-target';
import { guardedLookup, type HostResolver, RefusedTargetError } from './guarded-lookup';

const strict = new WebhookTargetPolicy({ allowPrivate: false, allowList: HostAllowList.parse([]) });

// Public addresses (example.com's), only handed back here: nothing connects to them.
const PUBLIC_V4 = { address: '93.184.216.34', family: 4 };
const PUBLIC_V6 = { address: '2606:2800:220:1::1', family: 6 };

function resolverOf(answer: LookupAddress[] | Error): HostResolver {
  return {
    resolve: async () => {
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

function lookUp(resolver: HostResolver, options: LookupOptions, policy = strict) {
  return new Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family?: number }>(
    (resolve) =>
      guardedLookup(resolver, policy)('hooks.example.com', options, (error, address, family) =>
        resolve({ error, address, family }),
      ),
  );
}

describe('guardedLookup', () => {
  it('hands every address to a socket that asks for all, one to one that does not', async () => {
    const resolver = resolverOf([PUBLIC_V4, PUBLIC_V6]);
    expect(await lookUp(resolver, { all: true })).toMatchObject({
      error: null,
      address: [PUBLIC_V4, PUBLIC_V6],
    });
    expect(await lookUp(resolver, {})).toMatchObject({
      error: null,
      address: PUBLIC_V4.address,
      family: 4,
    });
    expect(await lookUp(resolver, { family: 6 })).toMatchObject({
      address: PUBLIC_V6.address,
      family: 6,
    });
    expect(await lookUp(resolver, { family: 'IPv6', all: true })).toMatchObject({
      address: [PUBLIC_V6],
    });
  });

  it('refuses the name when any of its addresses is special, whichever family is asked for', async () => {
    for (const answer of [
      [{ address: '127.0.0.1', family: 4 }],
      [PUBLIC_V4, { address: '10.0.0.1', family: 4 }],
      [PUBLIC_V4, { address: '::ffff:169.254.169.254', family: 6 }],
      [{ address: 'fe80::1%eth0', family: 6 }, PUBLIC_V6],
    ]) {
      for (const options of [{ all: true }, {}, { family: 4 }]) {
        const { error } = await lookUp(resolverOf(answer), options);
        expect(error).toBeInstanceOf(RefusedTargetError);
      }
    }
  });

  it('lets the operator allow them', async () => {
    const open = new WebhookTargetPolicy({
      allowPrivate: true,
      allowList: HostAllowList.parse([]),
    });
    const loopback = { address: '127.0.0.1', family: 4 };
    expect(await lookUp(resolverOf([loopback]), { all: true }, open)).toMatchObject({
      error: null,
      address: [loopback],
    });
  });

  it('passes resolution errors on, and says ENOTFOUND when no address has the family', async () => {
    const failure = Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    expect((await lookUp(resolverOf(failure), {})).error).toBe(failure);
    expect((await lookUp(resolverOf([PUBLIC_V4]), { family: 6 })).error).toMatchObject({
      code: 'ENOTFOUND',
    });
  });
});
