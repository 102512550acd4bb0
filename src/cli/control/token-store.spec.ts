import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFolder, TokenStore } from './token-store';

describe('configFolder', () => {
  it('follows XDG_CONFIG_HOME when it is absolute, else ~/.config', () => {
    expect(configFolder({ XDG_CONFIG_HOME: '/etc/xdg-user' }, '/home/me')).toBe(
      '/etc/xdg-user/tradebot',
    );
    expect(configFolder({ XDG_CONFIG_HOME: 'relative' }, '/home/me')).toBe(
      '/home/me/.config/tradebot',
    );
    expect(configFolder({}, '/home/me')).toBe('/home/me/.config/tradebot');
  });
});

describe('TokenStore', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tradebot-tokens-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const login = (token: string) => ({
    email: 'a@b.c',
    accessToken: token,
    savedAt: '2026-01-01T00:00:00.000Z',
  });

  it('keeps one token per server in a file only its owner can read, in a 0700 folder', async () => {
    const folder = join(dir, 'config', 'tradebot');
    const store = new TokenStore(folder);
    await store.save('http://a:3000', login('t-a'));
    await store.save('http://b:3000', login('t-b'));
    expect(await store.get('http://a:3000')).toEqual(login('t-a'));
    expect(await store.get('http://c:3000')).toBeUndefined();
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(await store.remove('http://a:3000')).toBe(true);
    expect(await store.remove('http://a:3000')).toBe(false);
    expect(JSON.parse(readFileSync(store.file, 'utf8'))).toEqual({
      servers: { 'http://b:3000': login('t-b') },
    });
  });

  it('finds, replaces and forgets a login under any name of the same server', async () => {
    const store = new TokenStore(dir);
    await store.save('http://127.0.0.1:3000', login('t-1'));
    expect(await store.get('http://localhost:3000/')).toEqual(login('t-1'));
    await store.save('http://localhost:3000', login('t-2'));
    expect(await store.list()).toEqual({ 'http://localhost:3000': login('t-2') });
    expect(await store.remove('http://[::1]:3000')).toBe(true);
    expect(await store.list()).toEqual({});
  });

  it('tightens a token file left readable by others when it writes', async () => {
    const store = new TokenStore(dir);
    writeFileSync(store.file, JSON.stringify({ servers: {} }), { mode: 0o644 });
    await store.save('http://a:3000', login('t'));
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
  });

  it('refuses a file that is not its own', async () => {
    const store = new TokenStore(dir);
    writeFileSync(store.file, '[1, 2]');
    await expect(store.get('http://a:3000')).rejects.toThrow('is not a tradebotctl token file');
  });
});
