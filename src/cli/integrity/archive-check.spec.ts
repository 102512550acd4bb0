import { type ArchiveEntry, checkArchive, entryProblem } from './archive-check';
import type { Manifest } from './manifest';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

const manifest: Manifest = {
  format: 1,
  name: 'tradebot',
  version: '2.0.0',
  createdAt: '2026-01-01T00:00:00.000Z',
  folders: ['dist'],
  files: [
    { path: 'dist/main.js', size: 10, sha256: HASH_A },
    { path: 'package.json', size: 5, sha256: HASH_B },
  ],
};

const file = (path: string, size: number, sha256: string): ArchiveEntry => ({
  path,
  type: 'File',
  size,
  sha256,
});
const good = (): ArchiveEntry[] => [
  file('tradebot.manifest.json', 100, HASH_B),
  file('dist/main.js', 10, HASH_A),
  file('package.json', 5, HASH_B),
];

describe('checkArchive', () => {
  it('accepts a package that is exactly what its manifest says', () => {
    expect(checkArchive(good(), manifest)).toEqual([]);
    expect(
      checkArchive([{ ...file('dist', 0, HASH_A), type: 'Directory' }, ...good()], manifest),
    ).toEqual([]);
  });

  it('refuses content that does not match the manifest', () => {
    const entries = good();
    entries[1] = file('dist/main.js', 10, HASH_B);
    expect(checkArchive(entries, manifest)).toEqual([
      'dist/main.js does not match the manifest (tampered or damaged)',
    ]);
    entries[1] = file('dist/main.js', 11, HASH_A);
    expect(checkArchive(entries, manifest)).toEqual([
      'dist/main.js does not match the manifest (tampered or damaged)',
    ]);
  });

  it('refuses files the manifest does not list, and listed files that are absent', () => {
    const entries = [
      ...good().filter((entry) => entry.path !== 'package.json'),
      file('dist/x.js', 1, HASH_A),
    ];
    expect(checkArchive(entries, manifest)).toEqual([
      "dist/x.js is not in the package's manifest",
      'package.json is in the manifest but not in the package',
    ]);
  });

  it('refuses an entry, the manifest included, that appears twice', () => {
    expect(checkArchive([...good(), file('dist/main.js', 10, HASH_A)], manifest)).toEqual([
      'dist/main.js appears twice',
    ]);
    expect(checkArchive([...good(), file('tradebot.manifest.json', 3, HASH_A)], manifest)).toEqual([
      'tradebot.manifest.json appears twice',
    ]);
  });

  it('refuses paths that escape the root and entries that are not regular files', () => {
    const entries = [
      ...good(),
      file('../outside.js', 1, HASH_A),
      file('/etc/cron.d/x', 1, HASH_A),
      { ...file('dist/link', 0, HASH_A), type: 'SymbolicLink' },
      { ...file('dist/hard', 0, HASH_A), type: 'Link' },
      { ...file('dist/tty', 0, HASH_A), type: 'CharacterDevice' },
    ];
    expect(checkArchive(entries, manifest)).toEqual([
      'unsafe path ../outside.js: escapes the root (..)',
      'unsafe path /etc/cron.d/x: is absolute',
      'dist/link is a symbolic link: only regular files are accepted',
      'dist/hard is a hard link: only regular files are accepted',
      'dist/tty is a device: only regular files are accepted',
    ]);
  });
});

describe('entryProblem', () => {
  it('allows folders with a trailing slash and names unknown entry types', () => {
    expect(entryProblem({ path: 'dist/src/', type: 'Directory' })).toBeUndefined();
    expect(entryProblem({ path: '../', type: 'Directory' })).toBe(
      'unsafe path ../: escapes the root (..)',
    );
    expect(entryProblem({ path: 'dist/x', type: 'FIFO' })).toBe(
      'dist/x is a FIFO: only regular files are accepted',
    );
    expect(entryProblem({ path: 'dist/x', type: 'GNUDumpDir' })).toBe(
      'dist/x is a GNUDumpDir entry: only regular files are accepted',
    );
  });
});
