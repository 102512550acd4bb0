import type { AddressInfo } from 'node:net';

/** Where the server listens, said for people: the URL to open and what was really bound. */
export interface ListenUrls {
  /** The base URL to click, with its slash: localhost when every interface is bound. */
  open: string;
  docs: string;
  /** The address as bound, for the log: 0.0.0.0 says that other machines may reach it. */
  bound: string;
}

/**
 * 0.0.0.0 and :: are no address a browser can open; this machine reaches them, and the
 * default loopback, as localhost.
 */
const AS_LOCALHOST: Record<string, string> = {
  '0.0.0.0': 'every IPv4 interface',
  '::': 'every interface',
  '127.0.0.1': 'this machine only',
};

export function listenUrls(address: AddressInfo | string | null): ListenUrls {
  if (address === null || typeof address === 'string') {
    const path = String(address);
    return { open: path, docs: path, bound: path };
  }
  const everywhere = AS_LOCALHOST[address.address];
  const host = everywhere
    ? 'localhost'
    : address.family === 'IPv6'
      ? `[${address.address}]`
      : address.address;
  const open = `http://${host}:${address.port}/`;
  const bound = everywhere ? `${address.address}, ${everywhere}` : address.address;
  return { open, docs: `${open}docs`, bound };
}

/** The start-up line: the URL to open, what was bound, and where the API docs are. */
export function listeningLine(address: AddressInfo | string | null): string {
  const urls = listenUrls(address);
  if (typeof address === 'string' || address === null) return `API listening on ${urls.open}`;
  return `API listening on ${urls.open} (bound to ${urls.bound}), docs at ${urls.docs}`;
}
