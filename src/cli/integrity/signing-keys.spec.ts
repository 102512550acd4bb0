import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyFiles, readPrivateKey, readTrustedKeys, trustKey } from './signing-keys';

describe('signing keys', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tradebot-keys-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a private key only its owner reads, and a public line to trust', async () => {
    const { publicPath, keyId } = await generateKeyFiles(join(dir, 'release.key'));
    expect(statSync(join(dir, 'release.key')).mode & 0o777).toBe(0o600);
    expect((await readPrivateKey(join(dir, 'release.key'))).asymmetricKeyType).toBe('ed25519');

    const trusted = join(dir, 'tradebot.trusted-keys');
    writeFileSync(trusted, '# the release key of example.org\n', { mode: 0o644 });
    const pub = readFileSync(publicPath, 'utf8');
    expect(await trustKey(trusted, pub, publicPath)).toEqual({ keyId, added: true });
    expect(await trustKey(trusted, pub, publicPath)).toEqual({ keyId, added: false });
    expect(readFileSync(trusted, 'utf8')).toBe(`# the release key of example.org\n${pub}`);
    expect((await readTrustedKeys(trusted)).map((key) => key.id)).toEqual([keyId]);
  });

  it('refuses a private key others may read, and a trusted-keys file others may write', async () => {
    await generateKeyFiles(join(dir, 'release.key'));
    chmodSync(join(dir, 'release.key'), 0o640);
    await expect(readPrivateKey(join(dir, 'release.key'))).rejects.toThrow(
      'can be read by others: chmod 600 it first',
    );
    chmodSync(join(dir, 'release.key.pub'), 0o664);
    await expect(readTrustedKeys(join(dir, 'release.key.pub'))).rejects.toThrow(
      'is writable by group or others',
    );
    expect(await readTrustedKeys(join(dir, 'none'))).toEqual([]);
  });
});
