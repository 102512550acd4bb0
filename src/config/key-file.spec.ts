import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOrCreateKeyFile } from './key-file';

describe('readOrCreateKeyFile', () => {
  it('creates a 0600 key once and returns the same key afterwards', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'key-')), 'nested', 'k.key');
    const first = readOrCreateKeyFile(path, 32);
    expect(first).toHaveLength(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readOrCreateKeyFile(path, 32).equals(first)).toBe(true);
  });
});
