import { randomBytes } from 'node:crypto';

/** 32 random bytes; the prefix lets secret scanners recognise a leaked one. */
export function generateChannelSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** The last four characters: enough to tell secrets apart, useless to forge a signature. */
export function channelSecretHint(secret: string): string {
  return `...${secret.slice(-4)}`;
}

/** Binds the ciphertext to its channel, so it cannot be moved to another row. */
export function channelSecretContext(channelId: string): string {
  return `notification_channel:${channelId}:secret`;
}
