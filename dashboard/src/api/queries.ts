import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, ok } from './client';

/** How often views of live things (bots, their state, trades, deliveries) ask again. */
export const POLL_MS = 3000;

export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: () => ok(api.GET('/api/users/me')),
    staleTime: 60_000,
  });
}

export function useStrategies() {
  return useQuery({
    queryKey: ['strategies'],
    queryFn: () => ok(api.GET('/api/strategies')),
    staleTime: Infinity,
  });
}

/** Admins only: every user, to name the owner of a bot. */
export function useUsers(enabled: boolean) {
  return useQuery({
    queryKey: ['users'],
    queryFn: () => ok(api.GET('/api/users')),
    enabled,
  });
}

export function useBot(id: string) {
  return useQuery({
    queryKey: ['bot', id],
    queryFn: () => ok(api.GET('/api/bots/{id}', { params: { path: { id } } })),
    refetchInterval: POLL_MS,
  });
}

export function useBotState(id: string) {
  return useQuery({
    queryKey: ['bot', id, 'state'],
    queryFn: () => ok(api.GET('/api/bots/{id}/state', { params: { path: { id } } })),
    refetchInterval: POLL_MS,
  });
}

/** Admins only: the System page's report, polled like the bots. */
export function useSystemReport(enabled: boolean) {
  return useQuery({
    queryKey: ['system'],
    queryFn: () => ok(api.GET('/api/admin/system')),
    refetchInterval: POLL_MS,
    enabled,
  });
}

/** The bots list with each bot's state, for the Overview and the bots table. */
export function useBotsPage(query: { limit: number; offset: number; all?: boolean }) {
  return useQuery({
    queryKey: ['bots', query],
    queryFn: () => ok(api.GET('/api/bots', { params: { query } })),
    refetchInterval: POLL_MS,
    placeholderData: keepPreviousData,
  });
}

/** The Overview's daily PnL and latest trades, across the user's bots. */
export function useOverview() {
  return useQuery({
    queryKey: ['overview'],
    queryFn: () => ok(api.GET('/api/overview')),
    refetchInterval: POLL_MS,
  });
}

/** Every bot of the user with its state, in one request (the API's largest page). */
export function useAllBots() {
  return useBotsPage({ limit: 500, offset: 0 });
}

/** An optimization, asked again every second while it is queued or running. */
export function useOptimization(id: string) {
  return useQuery({
    queryKey: ['optimization', id],
    queryFn: () => ok(api.GET('/api/optimizations/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => {
      if (!['queued', 'running'].includes(query.state.data?.status ?? 'queued')) return false;
      // A small search ends within a second: look often at first, then once a second.
      return query.state.dataUpdateCount < 10 ? 150 : 1000;
    },
  });
}

/** The user's optimizations, newest first, without their results. */
export function useOptimizations() {
  return useQuery({
    queryKey: ['optimizations'],
    queryFn: () => ok(api.GET('/api/optimizations')),
    refetchInterval: POLL_MS,
  });
}
