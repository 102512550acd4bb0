import type { AddressInfo } from 'node:net';

/**
 * The URL the server really listens on, for the startup log: HOST as bound (0.0.0.0 by
 * default, not localhost) and the port it got.
 */
export function listenUrl(address: AddressInfo | string | null): string {
  if (address === null || typeof address === 'string') return String(address);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  if (address.address === '0.0.0.0') return `${url} (every IPv4 interface)`;
  if (address.address === '::') return `${url} (every interface)`;
  return url;
}
