import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linkOnPath, refuseLinks } from './path-links';

describe('links on a path under the root', () => {
  let dir: string;
  let root: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tradebot-links-'));
    // The root itself reached through a link: that one is the operator's choice.
    mkdirSync(join(dir, 'real/dist/src'), { recursive: true });
    symlinkSync(join(dir, 'real'), join(dir, 'root'));
    root = join(dir, 'root');
    mkdirSync(join(dir, 'outside'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds none on plain folders, present or not yet made', async () => {
    expect(await linkOnPath(root, 'dist/src/main.js')).toBeUndefined();
    expect(await linkOnPath(root, 'dist/src/new/deeper/file.js')).toBeUndefined();
    await expect(refuseLinks(join(dir, 'not-installed'), ['dist/a.js'])).resolves.toBeUndefined();
  });

  it('names the first link among the components, the last one included', async () => {
    symlinkSync(join(dir, 'outside'), join(root, 'dist/src/bots'));
    symlinkSync(join(dir, 'outside/x'), join(root, 'dist/src/main.js'));
    symlinkSync('missing-target', join(root, 'dist/dangling'));
    expect(await linkOnPath(root, 'dist/src/bots/bots.service.js')).toBe('dist/src/bots');
    expect(await linkOnPath(root, 'dist/src/bots/not/yet.js')).toBe('dist/src/bots');
    expect(await linkOnPath(root, 'dist/src/main.js')).toBe('dist/src/main.js');
    expect(await linkOnPath(root, 'dist/dangling/x.js')).toBe('dist/dangling');
    await expect(
      refuseLinks(root, ['dist/src/bots/a.js', 'dist/src/main.js']),
    ).rejects.toMatchObject({
      details: [
        `dist/src/bots is a symbolic link (to ${join(dir, 'outside')}): remove it`,
        `dist/src/main.js is a symbolic link (to ${join(dir, 'outside/x')}): remove it`,
      ],
    });
  });

  it('finds a link to a folder inside the root too', async () => {
    writeFileSync(join(root, 'dist/src/a.js'), 'a');
    symlinkSync(join(dir, 'real/dist/src'), join(root, 'dist/alias'));
    expect(await linkOnPath(root, 'dist/alias/a.js')).toBe('dist/alias');
  });
});
