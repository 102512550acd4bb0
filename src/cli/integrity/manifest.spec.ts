import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliError } from '../cli-error';
import { buildManifest, checkInstallation } from './installation-scan';
import { type Manifest, parseManifest, serialiseManifest } from './manifest';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function write(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

describe('buildManifest', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tradebot-manifest-'));
    write(root, {
      'package.json': JSON.stringify({ name: 'tradebot', version: '1.2.3' }),
      'package-lock.json': '{}',
      'openapi.json': '{}',
      'dist/src/main.js': 'main',
      'dist/src/b.js': 'b',
      'dist/src/B.js': 'B',
      'dist/dashboard/index.html': '<html>',
      'docker/Dockerfile': 'FROM node',
      'dist/node_modules/x/index.js': 'bundled',
      // Never part of an installation:
      'data/postgres.password': 'pw',
      'data/postgres/base/1': 'rows',
      'node_modules/x/index.js': 'dep',
      'credentials.key': 'key',
      '.env': 'SECRET=1',
      'docker/.env': 'SECRET=1',
      'tradebot.manifest.json': 'old',
      'tradebot.trusted-keys': 'ed25519 AAAA',
      '.tradebot/lock': '1',
    });
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('lists the files that make the installation, relative, /-separated and sorted, with their SHA-256', async () => {
    const manifest = await buildManifest(root, { now: new Date('2026-02-03T04:05:06Z') });
    expect(manifest).toEqual({
      format: 1,
      name: 'tradebot',
      version: '1.2.3',
      createdAt: '2026-02-03T04:05:06.000Z',
      folders: ['dist', 'docker'],
      files: [
        'dist/dashboard/index.html',
        // Below the root, node_modules is code like any other: Node loads it first.
        'dist/node_modules/x/index.js',
        'dist/src/B.js',
        'dist/src/b.js',
        'dist/src/main.js',
        'docker/Dockerfile',
        'openapi.json',
        'package-lock.json',
        'package.json',
      ].map((path) => expect.objectContaining({ path })),
    });
    expect(manifest.files.find((file) => file.path === 'dist/src/main.js')).toEqual({
      path: 'dist/src/main.js',
      size: 4,
      sha256: sha256('main'),
    });
  });

  it('leaves out DATA_DIR where the server would put it', async () => {
    write(root, { 'dist/state/db': 'rows' });
    const withData = await buildManifest(root);
    expect(withData.files.map((file) => file.path)).toContain('dist/state/db');
    const without = await buildManifest(root, { dataDir: 'dist/state' });
    expect(without.files.map((file) => file.path)).not.toContain('dist/state/db');
  });

  it('hashes a file larger than a stream chunk whole', async () => {
    const big = 'x'.repeat(3 * 65536 + 17);
    write(root, { 'dist/big.js': big });
    const manifest = await buildManifest(root);
    expect(manifest.files.find((file) => file.path === 'dist/big.js')).toEqual({
      path: 'dist/big.js',
      size: big.length,
      sha256: sha256(big),
    });
  });

  it('refuses a secret in a folder of the release: a package would ship it', async () => {
    write(root, { 'dist/credentials.key': 'key', 'docker/tls.pem': 'pem' });
    await expect(buildManifest(root)).rejects.toMatchObject({
      message: 'a release ships no secrets',
      details: [
        'dist/credentials.key looks like one: move it out of the folder',
        'docker/tls.pem looks like one: move it out of the folder',
      ],
    });
  });

  it('refuses links, and a folder that is no installation', async () => {
    symlinkSync('/etc/passwd', join(root, 'dist/src/passwd'));
    await expect(buildManifest(root)).rejects.toMatchObject({
      message: 'a manifest lists regular files only',
      details: ['dist/src/passwd is a link or a special file'],
    });
    unlinkSync(join(root, 'package.json'));
    await expect(buildManifest(root)).rejects.toThrow(/package.json does not exist/);
  });

  it('makes a manifest that checkInstallation finds whole, then finds each change', async () => {
    const manifest = await buildManifest(root);
    expect(await checkInstallation(root, manifest)).toEqual([]);
    write(root, {
      'dist/src/main.js': 'changed',
      'docker/extra.yml': 'x',
      'extra-at-root.txt': 'x',
      'dist/src/node_modules/reflect-metadata/index.js': 'planted',
      'dist/src/tls.pem': 'planted',
      'src/main.ts': 'a source npm start would build',
    });
    unlinkSync(join(root, 'openapi.json'));
    expect(await checkInstallation(root, manifest)).toEqual([
      { kind: 'modified', path: 'dist/src/main.js' },
      { kind: 'unexpected', path: 'dist/src/node_modules/reflect-metadata/index.js' },
      { kind: 'unexpected', path: 'dist/src/tls.pem' },
      { kind: 'unexpected', path: 'docker/extra.yml' },
      { kind: 'unexpected', path: 'extra-at-root.txt' },
      { kind: 'missing', path: 'openapi.json' },
      { kind: 'unexpected', path: 'src/main.ts' },
    ]);
  });

  it('round-trips through serialiseManifest and parseManifest', async () => {
    const manifest = await buildManifest(root);
    const text = serialiseManifest(manifest);
    expect(text.endsWith('}\n')).toBe(true);
    expect(parseManifest(text, 'm')).toEqual(manifest);
  });
});

describe('parseManifest', () => {
  const valid = (): Manifest => ({
    format: 1,
    name: 'tradebot',
    version: '1.0.0',
    createdAt: '2026-01-01T00:00:00.000Z',
    folders: ['dist'],
    files: [
      { path: 'dist/main.js', size: 1, sha256: 'a'.repeat(64) },
      { path: 'package.json', size: 1, sha256: 'b'.repeat(64) },
    ],
  });
  const problemsOf = (value: unknown): readonly string[] => {
    try {
      parseManifest(JSON.stringify(value), 'm.json');
    } catch (error) {
      return (error as CliError).details;
    }
    return [];
  };

  it('accepts a valid manifest', () => {
    expect(parseManifest(JSON.stringify(valid()), 'm.json')).toEqual(valid());
  });

  it('refuses what is not JSON or another format', () => {
    expect(() => parseManifest('{', 'm.json')).toThrow('m.json is not JSON');
    expect(problemsOf({ ...valid(), format: 2 })).toEqual(['format 2 is not 1']);
  });

  it('refuses paths that would write outside the installation or over its data', () => {
    const manifest = valid();
    manifest.files.push(
      { path: '../evil.js', size: 1, sha256: 'a'.repeat(64) },
      { path: 'data/postgres.password', size: 1, sha256: 'a'.repeat(64) },
      { path: 'node_modules/x/index.js', size: 1, sha256: 'a'.repeat(64) },
      { path: 'src/main.ts', size: 1, sha256: 'a'.repeat(64) },
      { path: '.npmrc', size: 1, sha256: 'a'.repeat(64) },
      { path: 'tradebot.trusted-keys', size: 1, sha256: 'a'.repeat(64) },
    );
    expect(problemsOf(manifest)).toEqual([
      'files[2]: ../evil.js escapes the root (..)',
      'files[3]: data/postgres.password is in DATA_DIR',
      'files[4]: node_modules/x/index.js is in node_modules',
      'files[5]: src/main.ts is neither in a listed folder nor a root file of a release',
      'files[6]: .npmrc is neither in a listed folder nor a root file of a release',
      "files[7]: tradebot.trusted-keys is the installation's trusted keys",
    ]);
  });

  it('refuses folders a release does not ship: an update would clear them', () => {
    const manifest = valid();
    manifest.folders.push('data', '../x', 'scripts', '.git', 'docker');
    expect(problemsOf(manifest)).toEqual([
      'folder data is not one a release ships (dist, docker)',
      'folder ../x is not one a release ships (dist, docker)',
      'folder scripts is not one a release ships (dist, docker)',
      'folder .git is not one a release ships (dist, docker)',
    ]);
  });

  it('refuses bad sizes and hashes, duplicates, and a path that is both file and folder', () => {
    const manifest = valid();
    manifest.files.push(
      { path: 'dist/a.js', size: -1, sha256: 'a'.repeat(64) },
      { path: 'dist/b.js', size: 1, sha256: 'A'.repeat(64) },
      { path: 'dist/main.js', size: 1, sha256: 'a'.repeat(64) },
      { path: 'dist/main.js/x', size: 1, sha256: 'a'.repeat(64) },
    );
    expect(problemsOf(manifest)).toEqual([
      'files[2]: dist/a.js: size must be a non-negative integer',
      'files[3]: dist/b.js: sha256 must be 64 lower-case hex digits',
      'dist/main.js is listed twice',
      'dist/main.js is listed as a file and as a folder',
    ]);
  });
});
