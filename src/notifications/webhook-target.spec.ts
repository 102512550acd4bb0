import { HostAllowList } from '../common/network/host-allow-list';
import { WebhookTargetPolicy } from './webhook-target';

const strict = new WebhookTargetPolicy({ allowPrivate: false, allowList: HostAllowList.parse([]) });
const refusal = (url: string, policy = strict) => policy.refusalOf(new URL(url));

describe('WebhookTargetPolicy.refusalOf (a URL as written, no DNS)', () => {
  it('refuses every special address, naming its kind', () => {
    const refused: [string, string][] = [
      ['http://127.0.0.1:8080/hook', 'a loopback address'],
      ['http://[::1]/', 'a loopback address'],
      ['http://[::ffff:127.0.0.1]/', 'a loopback address'],
      ['http://[0:0:0:0:0:ffff:7f00:1]/', 'a loopback address'],
      ['http://0.0.0.0/', 'the unspecified address'],
      ['http://[::]/', 'the unspecified address'],
      ['http://10.0.0.1/', 'a private address'],
      ['http://172.16.5.4/', 'a private address'],
      ['http://192.168.0.1/', 'a private address'],
      ['http://100.64.0.1/', 'a carrier-grade NAT address'],
      ['http://169.254.169.254/latest/meta-data', 'a link-local address'],
      ['http://[fe80::1]/', 'a link-local address'],
      ['http://[fd00::1]/', 'a unique-local address'],
      ['http://224.0.0.251/', 'a multicast address'],
      ['http://[ff02::1]/', 'a multicast address'],
      ['http://255.255.255.255/', 'the broadcast address'],
      ['http://192.0.2.10/', 'a reserved address'],
    ];
    for (const [url, kind] of refused) {
      expect([url, refusal(url)]).toEqual([
        url,
        `must not point at ${kind}; webhooks go to public addresses only`,
      ]);
    }
  });

  it('sees through the spellings of IPv4 that WHATWG URL normalises', () => {
    for (const url of [
      'http://2130706433/', // decimal
      'http://0x7f.1/', // hex, short
      'http://0177.0.0.1/', // octal
      'http://127.1/',
      'http://0x7f000001/',
      'http://%31%32%37.0.0.1/', // percent-encoded
      'http://①②⑦.0.0.1/', // full-width digits
    ]) {
      expect([url, refusal(url)]).toEqual([url, expect.stringContaining('a loopback address')]);
    }
    expect(refusal('http://0/')).toContain('the unspecified address');
    expect(refusal('http://0xa9fea9fe/')).toContain('a link-local address');
  });

  it('refuses localhost names, which are loopback whatever DNS says', () => {
    for (const url of [
      'http://localhost/',
      'http://LOCALHOST:3000/',
      'http://api.localhost/',
      'http://localhost./',
    ]) {
      expect([url, refusal(url)]).toEqual([url, expect.stringContaining('a loopback address')]);
    }
  });

  it('leaves public addresses and other names to be judged when resolved', () => {
    for (const url of [
      'https://hooks.example.com/tradebot',
      'http://8.8.8.8/',
      'http://[2606:4700:4700::1111]/',
      'http://127.0.0.1.nip.io/', // resolves to loopback: refused at send time
      'http://localhost.example.com/',
    ]) {
      expect([url, refusal(url)]).toEqual([url, undefined]);
    }
  });

  it('lets WEBHOOK_ALLOW_PRIVATE through everything', () => {
    const open = new WebhookTargetPolicy({
      allowPrivate: true,
      allowList: HostAllowList.parse([]),
    });
    for (const url of [
      'http://127.0.0.1/',
      'http://localhost/',
      'http://[::1]/',
      'http://10.0.0.1/',
    ]) {
      expect([url, refusal(url, open)]).toEqual([url, undefined]);
    }
  });

  it('lets the allow-list through its addresses, ranges and names only', () => {
    const listed = new WebhookTargetPolicy({
      allowPrivate: false,
      allowList: HostAllowList.parse(['127.0.0.1', '10.1.0.0/16', 'localhost']),
    });
    for (const url of [
      'http://127.0.0.1:9/',
      'http://[::ffff:127.0.0.1]/',
      'http://10.1.2.3/',
      'http://localhost/',
    ]) {
      expect([url, refusal(url, listed)]).toEqual([url, undefined]);
    }
    for (const url of [
      'http://127.0.0.2/',
      'http://10.2.0.1/',
      'http://[::1]/',
      'http://api.localhost/',
    ]) {
      expect([url, refusal(url, listed)]).toEqual([url, expect.stringContaining('must not point')]);
    }
  });
});

describe('WebhookTargetPolicy.permits (an address a name resolved to)', () => {
  it('permits public addresses only', () => {
    expect(strict.permits('hooks.example.com', '93.184.216.34')).toBe(true);
    expect(strict.permits('hooks.example.com', '2606:2800:220:1::1')).toBe(true);
    for (const address of [
      '127.0.0.1',
      '::1',
      '::ffff:127.0.0.1',
      '10.0.0.1',
      '169.254.169.254',
      'fe80::1%eth0',
      '0.0.0.0',
    ]) {
      expect([address, strict.permits('hooks.example.com', address)]).toEqual([address, false]);
    }
  });

  it('permits what the operator allowed, by range or by the name resolved', () => {
    const listed = new WebhookTargetPolicy({
      allowPrivate: false,
      allowList: HostAllowList.parse(['10.1.0.0/16', 'receiver.internal']),
    });
    expect(listed.permits('anything.example', '10.1.9.9')).toBe(true);
    expect(listed.permits('anything.example', '10.2.9.9')).toBe(false);
    expect(listed.permits('receiver.internal', '192.168.3.3')).toBe(true);
    const open = new WebhookTargetPolicy({
      allowPrivate: true,
      allowList: HostAllowList.parse([]),
    });
    expect(open.permits('anything.example', '127.0.0.1')).toBe(true);
  });
});
