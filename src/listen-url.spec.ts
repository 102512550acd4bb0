import { once } from 'node:events';
import { createServer } from 'node:http';
import { listenUrl } from './listen-url';

describe('listenUrl', () => {
  it("names HOST's default as bound, with the port the server really got", async () => {
    const server = createServer().listen(0, '0.0.0.0');
    await once(server, 'listening');
    try {
      const { port } = server.address() as { port: number };
      expect(listenUrl(server.address())).toBe(`http://0.0.0.0:${port} (every IPv4 interface)`);
    } finally {
      server.close();
    }
  });

  it('writes IPv6 hosts in brackets and says when an address is every interface', () => {
    expect(listenUrl({ address: '127.0.0.1', family: 'IPv4', port: 3000 })).toBe(
      'http://127.0.0.1:3000',
    );
    expect(listenUrl({ address: '::1', family: 'IPv6', port: 3000 })).toBe('http://[::1]:3000');
    expect(listenUrl({ address: '::', family: 'IPv6', port: 80 })).toBe(
      'http://[::]:80 (every interface)',
    );
  });

  it('shows a pipe as its path', () => {
    expect(listenUrl('/run/tradebot.sock')).toBe('/run/tradebot.sock');
  });
});
