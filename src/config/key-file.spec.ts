import {
  chmodSync,
  chownSync,
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecretFile, readOrCreateKeyFile } from './key-file';
import { PrivatePathError } from './private-path.error';

const asRoot = process.getuid?.() === 0 ? it : it.skip;
const folder = () => mkdtempSync(join(tmpdir(), 'key-'));

describe('readOrCreateKeyFile', () => {
  it('creates a 0600 key once and returns the same key afterwards', () => {
    const path = join(folder(), 'nested', 'k.key');
    const first = readOrCreateKeyFile(path, 32);
    expect(first).toHaveLength(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readOrCreateKeyFile(path, 32).equals(first)).toBe(true);
  });

  it('refuses a key its group or others can read or write, naming the fix', () => {
    const path = join(folder(), 'k.key');
    readOrCreateKeyFile(path, 32);
    chmodSync(path, 0o620);
    expect(() => readOrCreateKeyFile(path, 32)).toThrow(
      new PrivatePathError(`${path} is open to its group (mode 0620): chmod 600 ${path}`),
    );
    chmodSync(path, 0o604);
    expect(() => readOrCreateKeyFile(path, 32)).toThrow(/open to others \(mode 0604\)/);
  });

  asRoot("refuses another user's key", () => {
    const path = join(folder(), 'k.key');
    readOrCreateKeyFile(path, 32);
    chownSync(path, 65534, 65534);
    expect(() => readOrCreateKeyFile(path, 32)).toThrow(
      `${path} is owned by uid 65534, not by uid 0 that runs tradebot: chown 0 ${path}`,
    );
  });

  it('neither follows nor writes through a symbolic link in its place', () => {
    const dir = folder();
    const target = join(dir, 'elsewhere');
    writeFileSync(target, 'a'.repeat(64), { mode: 0o600 });
    const path = join(dir, 'k.key');
    symlinkSync(target, path);
    expect(() => readOrCreateKeyFile(path, 32)).toThrow(
      new PrivatePathError(`${path} is a symbolic link: put the secret's file itself there`),
    );
    const dangling = join(dir, 'dangling.key');
    symlinkSync(join(dir, 'missing'), dangling);
    expect(() => readOrCreateKeyFile(dangling, 32)).toThrow(PrivatePathError);
    expect(() => statSync(join(dir, 'missing'))).toThrow(/ENOENT/);
  });
});

describe('createSecretFile', () => {
  it('never replaces an existing file', () => {
    const path = join(folder(), 'p');
    createSecretFile(path, 'first');
    expect(() => createSecretFile(path, 'second')).toThrow(/EEXIST/);
    expect(readFileSync(path, 'utf8')).toBe('first');
  });

  asRoot('gives the new file to the owner named', () => {
    const path = join(folder(), 'p');
    createSecretFile(path, 'x', { uid: 65534, gid: 65534 });
    expect(statSync(path)).toMatchObject({ uid: 65534, gid: 65534 });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});
