import { generateKeyPairSync } from 'node:crypto';
import {
  checkSignature,
  keyIdOf,
  parseTrustedKeys,
  publicKeyLine,
  signManifest,
} from './package-signature';

describe('package signatures', () => {
  const release = generateKeyPairSync('ed25519');
  const stranger = generateKeyPairSync('ed25519');
  const manifest = '{"format":1,"name":"tradebot","version":"2.0.0"}\n';
  const trusted = parseTrustedKeys(`# release\n${publicKeyLine(release.publicKey)}\n`, 'keys');

  it('accepts the exact manifest signed by a trusted key, naming the key', () => {
    const signature = signManifest(manifest, release.privateKey);
    expect(checkSignature(manifest, signature, trusted)).toEqual({
      by: 'signature',
      keyId: keyIdOf(release.publicKey),
    });
  });

  it('refuses no signature, a stranger’s, and one over other bytes', () => {
    expect(checkSignature(manifest, undefined, trusted)).toEqual({ problem: 'it is not signed' });
    expect(checkSignature(manifest, signManifest(manifest, stranger.privateKey), trusted)).toEqual({
      problem: `it is signed by key ${keyIdOf(stranger.publicKey)}, which this installation does not trust`,
    });
    const signature = signManifest(manifest, release.privateKey);
    expect(checkSignature(`${manifest} `, signature, trusted)).toEqual({
      problem: `its signature by key ${keyIdOf(release.publicKey)} does not match its manifest`,
    });
    // The signer named in the file only picks the key: claiming a trusted one proves nothing.
    const claimed = JSON.parse(signManifest(manifest, stranger.privateKey)) as object;
    const lying = JSON.stringify({
      ...claimed,
      publicKey: release.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    });
    expect(checkSignature(manifest, lying, trusted)).toMatchObject({
      problem: expect.stringContaining('does not match its manifest'),
    });
    expect(checkSignature(manifest, 'not json', trusted)).toEqual({
      problem: 'its signature file is not JSON',
    });
  });

  it('refuses a trusted-keys file with a line that is no ed25519 key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    const rsaLine = `ed25519 ${rsa.export({ type: 'spki', format: 'der' }).toString('base64')}`;
    expect(() =>
      parseTrustedKeys(`${publicKeyLine(release.publicKey)}ssh-ed25519 AAAA\n${rsaLine}\n`, 'k'),
    ).toThrow(
      expect.objectContaining({
        message: 'k is not a list of public keys',
        details: [
          'line 2 is not "ed25519 BASE64-PUBLIC-KEY [comment]"',
          'line 3 is not "ed25519 BASE64-PUBLIC-KEY [comment]"',
        ],
      }),
    );
  });
});
