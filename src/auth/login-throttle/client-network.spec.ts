import { clientNetwork } from './client-network';

describe('clientNetwork', () => {
  it('keeps IPv4 addresses, also when IPv4-mapped', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::FFFF:127.0.0.1')).toBe('127.0.0.1');
  });

  it('groups IPv6 addresses by /64, however they are written', () => {
    const network = '2001:db8:0:42::/64';
    for (const address of [
      '2001:db8:0:42::1',
      '2001:0db8:0000:0042:ffff:ffff:ffff:ffff',
      '2001:db8::42:0:0:0:9',
      '2001:db8:0:42:1::',
      '2001:db8:0:42::1%eth0',
    ]) {
      expect(clientNetwork(address)).toBe(network);
    }
    expect(clientNetwork('2001:db8:0:43::1')).not.toBe(network);
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
    expect(clientNetwork('fe80::1')).toBe('fe80:0:0:0::/64');
  });

  it('passes anything else through', () => {
    expect(clientNetwork('unknown')).toBe('unknown');
  });
});
