import { chmodSync, chownSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataDir } from './data-dir';
import { PrivatePathError } from './private-path.error';

const asRoot = process.getuid?.() === 0 ? it : it.skip;

describe('openDataDir', () => {
  const parent = () => mkdtempSync(join(tmpdir(), 'data-dir-'));

  it('creates a missing DATA_DIR private to its user', () => {
    const path = join(parent(), 'nested', 'data');
    expect(openDataDir(path)).toBe(path);
    expect(statSync(path).mode & 0o777).toBe(0o700);
  });

  it('refuses a DATA_DIR its group can write, naming the path and the fix', () => {
    const path = parent();
    chmodSync(path, 0o770);
    expect(() => openDataDir(path)).toThrow(
      new PrivatePathError(
        `DATA_DIR ${path} is writable by its group (mode 0770): chmod go-w ${path}`,
      ),
    );
  });

  it('accepts one others may search (the embedded server account needs it)', () => {
    const path = parent();
    chmodSync(path, 0o711);
    expect(openDataDir(path)).toBe(path);
  });

  asRoot("refuses another user's DATA_DIR", () => {
    const path = parent();
    chownSync(path, 65534, 65534);
    expect(() => openDataDir(path)).toThrow(/is owned by uid 65534, not by uid 0 .*chown 0 /);
  });

  it('refuses a file where DATA_DIR should be', () => {
    const path = join(parent(), 'data');
    writeFileSync(path, '');
    expect(() => openDataDir(path)).toThrow(`DATA_DIR ${path} is not a folder`);
  });
});
