import { once } from 'node:events';
import { createServer } from 'node:http';
import { listeningLine, listenUrls } from './listen-url';

describe('listenUrls', () => {
  it('gives localhost to click when every IPv4 interface is bound, with the port really got', async () => {
    const server = createServer().listen(0, '0.0.0.0');
    await once(server, 'listening');
    try {
      const { port } = server.address() as { port: number };
      expect(listenUrls(server.address())).toEqual({
        open: `http://localhost:${port}/`,
        docs: `http://localhost:${port}/docs`,
        bound: '0.0.0.0, every IPv4 interface',
      });
    } finally {
      server.close();
    }
  });

  it('gives localhost for :: and the default loopback, another address as bound (IPv6 in brackets)', () => {
    expect(listenUrls({ address: '::', family: 'IPv6', port: 80 }).open).toBe(
      'http://localhost:80/',
    );
    expect(listenUrls({ address: '127.0.0.1', family: 'IPv4', port: 3000 })).toEqual({
      open: 'http://localhost:3000/',
      docs: 'http://localhost:3000/docs',
      bound: '127.0.0.1, this machine only',
    });
    expect(listenUrls({ address: '192.168.1.5', family: 'IPv4', port: 3000 }).open).toBe(
      'http://192.168.1.5:3000/',
    );
    expect(listenUrls({ address: '::1', family: 'IPv6', port: 3000 }).docs).toBe(
      'http://[::1]:3000/docs',
    );
  });
});

describe('listeningLine', () => {
  it('names the URL to open and the docs, never 0.0.0.0 as a URL', () => {
    const line = listeningLine({ address: '0.0.0.0', family: 'IPv4', port: 3000 });
    expect(line).toBe(
      'API listening on http://localhost:3000/ (bound to 0.0.0.0, every IPv4 interface), ' +
        'docs at http://localhost:3000/docs',
    );
    expect(line).not.toContain('http://0.0.0.0');
  });

  it('shows a pipe as its path', () => {
    expect(listeningLine('/run/tradebot.sock')).toBe('API listening on /run/tradebot.sock');
  });
});
