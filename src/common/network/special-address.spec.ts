import { isLocalhostName, type SpecialAddressKind, specialAddressKind } from './special-address';

const cases: [SpecialAddressKind, string[]][] = [
  ['loopback', ['127.0.0.1', '127.255.255.254', '::1', '0:0:0:0:0:0:0:1']],
  ['private', ['10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.255', '192.168.1.1']],
  ['shared', ['100.64.0.1', '100.127.255.255']],
  ['link-local', ['169.254.169.254', 'fe80::1', 'FE80::1', 'fe80::1%eth0', 'febf::1']],
  ['unique-local', ['fc00::1', 'fd12:3456:789a::1', 'fdff:ffff::1']],
  ['multicast', ['224.0.0.1', '239.255.255.250', 'ff02::1', 'ff0e::101']],
  ['unspecified', ['0.0.0.0', '::', '0:0:0:0:0:0:0:0']],
  ['broadcast', ['255.255.255.255']],
  [
    'reserved',
    [
      '0.1.2.3', // "this network"
      '192.0.0.8',
      '192.0.2.1', // documentation
      '198.51.100.7',
      '203.0.113.9',
      '198.18.0.1', // benchmarking
      '192.88.99.1', // 6to4 relays
      '240.0.0.1',
      '::127.0.0.1', // IPv4-compatible, deprecated
      '100::1', // discard
      '2001::1', // Teredo
      '2001:db8::1', // documentation
      '3fff::1',
      'fec0::1', // site-local, deprecated
      '64:ff9b:1::1', // local-use NAT64
      '1000::1', // outside global unicast
    ],
  ],
];

const PUBLIC = [
  '8.8.8.8',
  '1.1.1.1',
  '11.0.0.1',
  '100.63.255.255',
  '100.128.0.1',
  '172.15.255.255',
  '172.32.0.1',
  '192.169.0.1',
  '223.255.255.255',
  '2606:4700:4700::1111',
  '2a00:1450:4001:80b::200e',
];

describe('specialAddressKind', () => {
  it.each(cases)('names %s addresses', (kind, addresses) => {
    for (const address of addresses) {
      expect([address, specialAddressKind(address)]).toEqual([address, kind]);
    }
  });

  it('leaves public addresses alone', () => {
    for (const address of PUBLIC) {
      expect([address, specialAddressKind(address)]).toEqual([address, undefined]);
    }
  });

  it('judges IPv6 addresses that carry an IPv4 address by that address', () => {
    const carried: [string, SpecialAddressKind | undefined][] = [
      ['::ffff:127.0.0.1', 'loopback'], // IPv4-mapped
      ['::ffff:7f00:1', 'loopback'],
      ['0:0:0:0:0:ffff:127.0.0.1', 'loopback'],
      ['::FFFF:10.1.2.3', 'private'],
      ['::ffff:a9fe:a9fe', 'link-local'], // 169.254.169.254
      ['::ffff:0.0.0.0', 'unspecified'],
      ['::ffff:8.8.8.8', undefined],
      ['64:ff9b::127.0.0.1', 'loopback'], // NAT64
      ['64:ff9b::a00:1', 'private'],
      ['64:ff9b::808:808', undefined],
      ['2002:7f00:1::', 'loopback'], // 6to4
      ['2002:c0a8:101::1', 'private'],
      ['2002:808:808::1', undefined],
    ];
    for (const [address, kind] of carried) {
      expect([address, specialAddressKind(address)]).toEqual([address, kind]);
    }
  });

  it('refuses to judge what is not an address', () => {
    for (const text of ['localhost', '127.1', '2130706433', '0x7f.0.0.1', '256.0.0.1', '']) {
      expect(() => specialAddressKind(text)).toThrow(TypeError);
    }
  });
});

describe('isLocalhostName', () => {
  it('takes localhost and every name under it, in any case, with or without the root dot', () => {
    for (const name of [
      'localhost',
      'LocalHost',
      'localhost.',
      'api.localhost',
      'a.b.localhost.',
    ]) {
      expect([name, isLocalhostName(name)]).toEqual([name, true]);
    }
    for (const name of ['localhost.example.com', 'notlocalhost', 'localhostx', 'example.com']) {
      expect([name, isLocalhostName(name)]).toEqual([name, false]);
    }
  });
});
