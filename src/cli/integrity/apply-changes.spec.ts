import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { applyChanges } from './apply-changes';

/** Every file under a folder with its content: the whole state an assertion compares. */
function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    files[relative(folder, path)] = entry.isFile() ? readFileSync(path, 'utf8') : '<folder>';
  }
  return files;
}

function write(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

describe('applyChanges', () => {
  let dir: string;
  let root: string;
  let staging: string;
  let backup: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tradebot-apply-'));
    root = join(dir, 'root');
    staging = join(dir, 'staging');
    backup = join(dir, 'backup');
    write(root, { 'dist/a.js': 'old a', 'dist/gone.js': 'gone', 'package.json': 'v1' });
    write(staging, { 'dist/a.js': 'new a', 'dist/lib/new.js': 'new', 'package.json': 'v2' });
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const changes = (verify: () => Promise<string[]> = async () => []) => ({
    root,
    staging,
    backup,
    place: ['dist/a.js', 'dist/lib/new.js', 'package.json'],
    remove: ['dist/gone.js', 'dist/never-there.js'],
    verify,
  });

  it('swaps the files in and keeps what it replaced or removed in the backup', async () => {
    const applied = await applyChanges(changes());
    expect(applied).toEqual({
      replaced: ['dist/a.js', 'package.json'],
      added: ['dist/lib/new.js'],
      removed: ['dist/gone.js'],
    });
    expect(snapshot(root)).toEqual({
      dist: '<folder>',
      'dist/a.js': 'new a',
      'dist/lib': '<folder>',
      'dist/lib/new.js': 'new',
      'package.json': 'v2',
    });
    expect(snapshot(backup)).toEqual({
      dist: '<folder>',
      'dist/a.js': 'old a',
      'dist/gone.js': 'gone',
      'package.json': 'v1',
    });
  });

  it('rolls everything back when the result does not verify', async () => {
    const before = snapshot(root);
    let seenDuringVerify: Record<string, string> = {};
    await expect(
      applyChanges(
        changes(async () => {
          seenDuringVerify = snapshot(root);
          return ['modified dist/a.js'];
        }),
      ),
    ).rejects.toMatchObject({
      message: 'the installation did not verify after the swap',
      details: ['modified dist/a.js', 'rolled back: the installation is as it was'],
    });
    expect(seenDuringVerify['package.json']).toBe('v2');
    expect(snapshot(root)).toEqual(before);
    expect(existsSync(backup)).toBe(false);
  });

  it('rolls back when a rename fails halfway', async () => {
    const before = snapshot(root);
    // package.json comes after dist/a.js and dist/lib/new.js: two files are in by then.
    rmSync(join(staging, 'package.json'));
    await expect(applyChanges(changes())).rejects.toMatchObject({
      message: expect.stringMatching(/ENOENT/),
      details: ['rolled back: the installation is as it was'],
    });
    expect(snapshot(root)).toEqual(before);
  });
});
