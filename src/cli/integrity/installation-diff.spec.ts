import { diffInstallation, type Observation, planChanges } from './installation-diff';
import type { Manifest } from './manifest';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

function manifest(files: [string, number, string][], folders = ['dist']): Manifest {
  return {
    format: 1,
    name: 'tradebot',
    version: '1.0.0',
    createdAt: '2026-01-01T00:00:00.000Z',
    folders,
    files: files.map(([path, size, sha256]) => ({ path, size, sha256 })),
  };
}

describe('diffInstallation', () => {
  const listed = manifest([
    ['dist/a.js', 3, HASH_A],
    ['dist/b.js', 3, HASH_B],
    ['dist/c.js', 3, HASH_A],
    ['dist/d.js', 3, HASH_A],
    ['package.json', 3, HASH_A],
  ]);

  it('finds nothing when every file is there with its hash and nothing else is', () => {
    const observed = new Map<string, Observation>(
      listed.files.map((file) => [file.path, { type: 'file', size: 3, sha256: file.sha256 }]),
    );
    expect(
      diffInstallation(listed, observed, ['dist/a.js', 'dist/b.js', 'dist/c.js', 'dist/d.js']),
    ).toEqual([]);
  });

  it('names modified, missing and unexpected files, sorted by path', () => {
    const observed = new Map<string, Observation>([
      ['dist/a.js', { type: 'file', size: 3, sha256: HASH_B }],
      ['dist/b.js', { type: 'missing' }],
      ['dist/c.js', { type: 'file', size: 4 }],
      ['dist/d.js', { type: 'other' }],
      ['package.json', { type: 'file', size: 3, sha256: HASH_A }],
    ]);
    const found = ['dist/a.js', 'dist/c.js', 'dist/d.js', 'dist/new.js', 'src/main.ts'];
    expect(diffInstallation(listed, observed, found)).toEqual([
      { kind: 'modified', path: 'dist/a.js' },
      { kind: 'missing', path: 'dist/b.js' },
      { kind: 'modified', path: 'dist/c.js' },
      { kind: 'modified', path: 'dist/d.js' },
      { kind: 'unexpected', path: 'dist/new.js' },
      // Outside the manifest's folders too: npm start would build planted sources.
      { kind: 'unexpected', path: 'src/main.ts' },
    ]);
  });

  it('counts a path with no observation as missing', () => {
    expect(diffInstallation(manifest([['dist/a.js', 1, HASH_A]]), new Map(), [])).toEqual([
      { kind: 'missing', path: 'dist/a.js' },
    ]);
  });
});

describe('planChanges', () => {
  it('places missing and modified files and removes unexpected ones', () => {
    expect(
      planChanges([
        { kind: 'unexpected', path: 'dist/z.js' },
        { kind: 'modified', path: 'dist/b.js' },
        { kind: 'missing', path: 'dist/a.js' },
        { kind: 'unexpected', path: 'openapi.json' },
      ]),
    ).toEqual({ place: ['dist/a.js', 'dist/b.js'], remove: ['dist/z.js', 'openapi.json'] });
  });
});
