import { useSyncExternalStore } from 'react';

/**
 * The signed-in user's API token. Kept in localStorage so that every tab and a reload stay
 * signed in until the token expires (JWT_EXPIRES_IN) or the user signs out.
 */
const KEY = 'tradebot.token';
const listeners = new Set<() => void>();

let token: string | null = localStorage.getItem(KEY);
/** Why the last session ended without a sign-out, for the sign-in page to say. */
let endedBecause: string | null = null;

function changed(): void {
  for (const listener of listeners) listener();
}

export const session = {
  token: () => token,
  endedBecause: () => endedBecause,
  signIn(accessToken: string): void {
    token = accessToken;
    endedBecause = null;
    localStorage.setItem(KEY, accessToken);
    changed();
  },
  signOut(reason: string | null = null): void {
    token = null;
    endedBecause = reason;
    localStorage.removeItem(KEY);
    changed();
  },
};

// Another tab signed in or out.
window.addEventListener('storage', (event) => {
  if (event.key !== KEY) return;
  token = event.newValue;
  changed();
});

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useToken(): string | null {
  return useSyncExternalStore(subscribe, session.token);
}
