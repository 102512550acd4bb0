import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext } from '../cli-context';
import { ContextStore } from './context-store';
import { currentServer } from './server-session';

describe('currentServer', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tradebot-context-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const cli = (env: NodeJS.ProcessEnv = {}) =>
    ({ env: { XDG_CONFIG_HOME: dir, ...env } }) as unknown as CliContext;
  const store = () => new ContextStore(join(dir, 'tradebot'));

  it('takes --url, else TRADEBOT_URL, else the saved context, else localhost:3000', async () => {
    expect(await currentServer(cli(), {})).toEqual({
      server: 'http://localhost:3000',
      source: 'the default',
    });
    await store().setCurrent('http://bots.example.com:8080/');
    expect(await currentServer(cli(), {})).toEqual({
      server: 'http://bots.example.com:8080',
      source: 'tradebotctl context',
    });
    const shell = cli({ TRADEBOT_URL: 'http://127.0.0.1:4000/' });
    expect(await currentServer(shell, {})).toEqual({
      server: 'http://127.0.0.1:4000',
      source: 'TRADEBOT_URL',
    });
    expect(await currentServer(shell, { url: 'https://x.test' })).toEqual({
      server: 'https://x.test',
      source: '--url',
    });
  });

  it('refuses a context file that is not its own', async () => {
    await store().setCurrent('http://localhost:3000');
    writeFileSync(store().file, '["http://x"]');
    await expect(currentServer(cli(), {})).rejects.toThrow('is not a tradebotctl context file');
  });
});
