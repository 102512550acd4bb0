import {
  hashSignalPassphrase,
  newSignalPassphrase,
  signalPassphraseMatches,
} from './signal-passphrase';

describe('signal passphrases', () => {
  it('are long, random and stored as a SHA-256 digest', () => {
    const one = newSignalPassphrase();
    expect(one).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSignalPassphrase()).not.toBe(one);
    expect(hashSignalPassphrase(one)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSignalPassphrase(one)).not.toContain(one);
  });

  it('match their own digest only, and never a missing one', () => {
    const passphrase = newSignalPassphrase();
    const stored = hashSignalPassphrase(passphrase);
    expect(signalPassphraseMatches(passphrase, stored)).toBe(true);
    expect(signalPassphraseMatches(`${passphrase}x`, stored)).toBe(false);
    expect(signalPassphraseMatches('', stored)).toBe(false);
    expect(signalPassphraseMatches(passphrase, null)).toBe(false);
  });
});
