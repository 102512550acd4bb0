import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkArchive } from './archive-check';
import { buildManifest } from './installation-scan';
import { parseManifest, serialiseManifest } from './manifest';
import { extractFiles, readArchive, writeArchive } from './package-archive';

describe('package archives', () => {
  let dir: string;
  let root: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tradebot-archive-'));
    root = join(dir, 'installation');
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'tradebot', version: '3.0.0' }),
      'dist/src/main.js': 'console.log("main")',
      'dist/src/cli/main.js': '#!/usr/bin/env node\n',
    };
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the manifest first and every listed file, and reads them back matching it', async () => {
    const manifest = await buildManifest(root);
    const text = serialiseManifest(manifest);
    const file = join(dir, 'p.tar.gz');
    await writeArchive(file, root, manifest, text);
    const contents = await readArchive(file);
    expect(contents.entries.map((entry) => [entry.path, entry.type])).toEqual([
      ['tradebot.manifest.json', 'File'],
      ['dist/src/cli/main.js', 'File'],
      ['dist/src/main.js', 'File'],
      ['package.json', 'File'],
    ]);
    expect(contents.manifestText).toBe(text);
    expect(checkArchive(contents.entries, parseManifest(text, 'p'))).toEqual([]);
    expect(contents.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
  });

  it('extracts only the wanted files, keeping the executable bit', async () => {
    const manifest = await buildManifest(root);
    const file = join(dir, 'p.tar.gz');
    const { chmodSync } = await import('node:fs');
    chmodSync(join(root, 'dist/src/cli/main.js'), 0o755);
    await writeArchive(file, root, manifest, serialiseManifest(manifest));
    const staging = join(dir, 'staging');
    mkdirSync(staging);
    const wanted = manifest.files.filter((entry) => entry.path !== 'package.json');
    await extractFiles(file, new Map(wanted.map((entry) => [entry.path, entry.sha256])), staging);
    expect(readFileSync(join(staging, 'dist/src/main.js'), 'utf8')).toBe('console.log("main")');
    expect(statSync(join(staging, 'dist/src/cli/main.js')).mode & 0o777).toBe(0o755);
    expect(statSync(join(staging, 'dist/src/main.js')).mode & 0o777).toBe(0o644);
    expect(() => statSync(join(staging, 'package.json'))).toThrow(/ENOENT/);
  });

  it('refuses to extract when a file no longer has the hash it was checked with', async () => {
    const manifest = await buildManifest(root);
    const file = join(dir, 'p.tar.gz');
    await writeArchive(file, root, manifest, serialiseManifest(manifest));
    const staging = join(dir, 'staging');
    mkdirSync(staging);
    await expect(
      extractFiles(file, new Map([['dist/src/main.js', 'f'.repeat(64)]]), staging),
    ).rejects.toMatchObject({ details: ['dist/src/main.js does not match the manifest'] });
  });

  it('refuses a file that is not a tar.gz', async () => {
    const file = join(dir, 'junk.tar.gz');
    writeFileSync(file, 'not an archive at all, but long enough to look at'.repeat(20));
    await expect(readArchive(file)).rejects.toThrow(/cannot be read as a package/);
  });
});
