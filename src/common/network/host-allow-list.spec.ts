import { HostAllowList, invalidAllowListEntries, splitList } from './host-allow-list';

describe('HostAllowList', () => {
  const list = HostAllowList.parse([
    '10.20.0.0/16',
    '192.168.1.7',
    'fd00:1::/32',
    'Receiver.Internal.',
    'localhost',
  ]);

  it('allows addresses inside its ranges and single addresses, and nothing else', () => {
    for (const address of [
      '10.20.0.1',
      '10.20.255.255',
      '192.168.1.7',
      'fd00:1::5',
      'fd00:1::5%eth0',
    ]) {
      expect([address, list.allowsAddress(address)]).toEqual([address, true]);
    }
    for (const address of ['10.21.0.1', '192.168.1.8', 'fd00:2::1', '127.0.0.1', 'not-an-ip']) {
      expect([address, list.allowsAddress(address)]).toEqual([address, false]);
    }
  });

  it('allows its names exactly, in any case and with or without the root dot', () => {
    expect(list.allowsName('receiver.internal')).toBe(true);
    expect(list.allowsName('RECEIVER.internal.')).toBe(true);
    expect(list.allowsName('localhost')).toBe(true);
    expect(list.allowsName('evil.receiver.internal')).toBe(false);
    expect(list.allowsName('api.localhost')).toBe(false);
  });

  it('names the entries that are neither an address, a range nor a host name', () => {
    expect(
      invalidAllowListEntries([
        '10.0.0.0/8',
        '::1',
        'hooks.example.com',
        '10.0.0.0/33',
        'fd00::/129',
        '10.0.0.0/x',
        '10.0.0.0/8/8',
        '127.1', // a name only a lax parser takes for an address
        '2130706433',
        'http://x',
        'under_score.example',
        '-dash.example',
      ]),
    ).toEqual([
      '10.0.0.0/33',
      'fd00::/129',
      '10.0.0.0/x',
      '10.0.0.0/8/8',
      '127.1',
      '2130706433',
      'http://x',
      'under_score.example',
      '-dash.example',
    ]);
    expect(() => HostAllowList.parse(['10.0.0.0/33'])).toThrow(TypeError);
  });

  it('reads a comma-separated value, ignoring spaces and empty entries', () => {
    expect(splitList(' 10.0.0.0/8, ,receiver.internal ,')).toEqual([
      '10.0.0.0/8',
      'receiver.internal',
    ]);
    expect(splitList(undefined)).toEqual([]);
  });
});
