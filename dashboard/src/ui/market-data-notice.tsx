import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Schemas } from '../api/types';

/** How often the notice asks /health again: an outage lasts minutes, not seconds. */
const HEALTH_POLL_MS = 15_000;

/** A moment at the browser's time of day, to the minute: "10:42". */
export function timeOfDay(time: string): string {
  return new Date(time).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

/** The words for an outage: "Binance unreachable since 10:42: paper bots use simulated data." */
export function unreachableNotice(since: string): string {
  return `Binance unreachable since ${timeOfDay(since)}: paper bots use simulated data.`;
}

/** Since when the server has not reached Binance for market data, from /health. */
export function useUnreachableSince(): string | undefined {
  const health = useQuery({
    queryKey: ['health'],
    queryFn: async () => {
      // A degraded server answers 503 with the same report.
      const { data, error } = await api.GET('/health');
      return (data ?? error) as Schemas['HealthReportDto'] | undefined;
    },
    refetchInterval: HEALTH_POLL_MS,
  });
  return health.data?.marketData?.unreachableSince;
}

/**
 * Says in words that paper bots trade on simulated data while Binance is unreachable (the
 * bots' status reason says "simulated market data: Binance unreachable"); nothing otherwise.
 */
export function MarketDataNotice({ mode }: { mode: Schemas['BotResponseDto']['mode'] }) {
  const since = useUnreachableSince();
  if (mode !== 'paper' || !since) return null;
  return (
    <p className="notice" role="status">
      {unreachableNotice(since)}
    </p>
  );
}
