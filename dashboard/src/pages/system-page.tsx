import { useEffect, useRef, useState } from 'react';
import { api, ok } from '../api/client';
import { useMe, useSystemReport } from '../api/queries';
import type { Schemas } from '../api/types';
import { ErrorNote } from '../ui/fields';
import { dateTime, decimal } from '../ui/format';
import { timeOfDay, unreachableNotice } from '../ui/market-data-notice';
import { type TickRates, type TickSample, tickCountsInWords, tickRates } from './system-rates';

type Report = Schemas['SystemReportDto'];

/** Admins: the health, ticks, queues and exchange weight that /metrics exposes, as numbers. */
export function SystemPage() {
  const me = useMe();
  const isAdmin = me.data?.role === 'admin';
  const report = useSystemReport(isAdmin);
  const rates = useTickRates(report.data, report.dataUpdatedAt);
  if (me.data && !isAdmin) return <p>Only admins see the system.</p>;
  return (
    <section>
      <h1>System</h1>
      <p className="hint">
        This process&apos;s numbers (with several processes, each reports its own ticks; bots,
        queues and exchange weight are shared). Prometheus reads the same from /metrics.
      </p>
      <ErrorNote error={report.error} />
      {report.data?.health.marketData?.unreachableSince && (
        <p className="notice" role="status">
          {unreachableNotice(report.data.health.marketData.unreachableSince)}
        </p>
      )}
      {report.data && <Overview report={report.data} rates={rates} />}
      {report.data && <Queues report={report.data} />}
      {report.data && <Exchange report={report.data} />}
    </section>
  );
}

/** Rates between the last two reports: each poll's counters against the previous poll's. */
function useTickRates(report: Report | undefined, at: number): TickRates | undefined {
  const previous = useRef<TickSample | undefined>(undefined);
  const [rates, setRates] = useState<TickRates | undefined>(undefined);
  useEffect(() => {
    if (!report) return;
    const sample = { at, ticks: report.ticks };
    setRates(tickRates(previous.current, sample));
    previous.current = sample;
  }, [report, at]);
  return rates;
}

function Overview({ report, rates }: { report: Report; rates: TickRates | undefined }) {
  const { health, process } = report;
  const running = report.bots.filter((b) => b.status === 'running');
  const skipped = report.ticks.find((t) => t.outcome === 'skipped_locked')?.count ?? 0;
  const rows: [string, string | string[]][] = [
    ['Health', health.status],
    [
      'Database',
      `${health.database.status} (${health.database.kind}, ${health.database.latencyMs} ms)`,
    ],
    ...(health.redis
      ? ([['Redis', `${health.redis.status} (${health.redis.latencyMs} ms)`]] as [string, string][])
      : []),
    ['Binance market data', marketData(health.marketData)],
    ['Ticks per second', rates ? decimal(rates.perSecond, 2) : 'measuring…'],
    [
      'Skipped under the lock per second',
      rates ? decimal(rates.skippedPerSecond, 2) : 'measuring…',
    ],
    ['Ticks since start', tickCountsInWords(report.ticks)],
    ['Skipped under the lock since start', String(skipped)],
    ['Running bots', running.map((b) => `${b.count} ${b.mode}`).join(', ') || 'none'],
    ['Orders awaiting their outcome', String(report.ordersUnresolved)],
    ['Uptime', uptime(process.uptimeSeconds)],
    ['Memory', `${decimal(process.residentMemoryBytes / 2 ** 20, 0)} MiB`],
    ['Event loop delay (slowest 1 %)', `${decimal(process.eventLoopLagP99Seconds * 1000, 1)} ms`],
  ];
  return (
    <dl className="metrics" aria-label="System">
      {rows.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>
            {typeof value === 'string' ? (
              value
            ) : value.length === 0 ? (
              'none'
            ) : (
              <ul className="plain">
                {value.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function marketData(health: Report['health']['marketData']): string {
  if (!health) return 'unknown';
  return health.unreachableSince
    ? `unreachable since ${timeOfDay(health.unreachableSince)}`
    : 'reachable';
}

function uptime(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 2 * 3600) return `${Math.round(seconds / 60)} min`;
  return `${decimal(seconds / 3600, 1)} h`;
}

function Queues({ report }: { report: Report }) {
  const [error, setError] = useState<unknown>(null);
  const bull = report.queues.backend === 'bull';
  async function openQueueView(): Promise<void> {
    setError(null);
    try {
      // The view is a page of its own: the browser takes the session as a cookie for it.
      await ok(api.POST('/api/admin/queues/session'));
      window.location.assign('/admin/queues');
    } catch (failure) {
      setError(failure);
    }
  }
  return (
    <>
      <h2>Queues</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Queue</th>
              <th scope="col">Waiting</th>
              <th scope="col">Active</th>
              <th scope="col">Delayed</th>
              <th scope="col">Failed</th>
            </tr>
          </thead>
          <tbody>
            {report.queues.queues.map((queue) => (
              <tr key={queue.queue}>
                <th scope="row">{queue.queue}</th>
                <td>{queue.waiting}</td>
                <td>{queue.active}</td>
                <td>{queue.delayed}</td>
                <td>{queue.failed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {bull ? (
        <p>
          <button type="button" onClick={() => void openQueueView()}>
            Open the queue view
          </button>
        </p>
      ) : (
        <p className="hint">In-process queues (no REDIS_URL): there is no queue view.</p>
      )}
      <ErrorNote error={error} />
    </>
  );
}

function Exchange({ report }: { report: Report }) {
  return (
    <>
      <h2>Exchange weight</h2>
      {report.exchange.length === 0 ? (
        <p className="hint">No exchange request from this process yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Host</th>
                <th scope="col">Weight this minute</th>
                <th scope="col">Banned until</th>
              </tr>
            </thead>
            <tbody>
              {report.exchange.map((host) => (
                <tr key={host.host}>
                  <th scope="row">{host.host}</th>
                  <td>{host.weightUsed}</td>
                  <td>{host.bannedUntil ? dateTime(host.bannedUntil) : 'not banned'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
