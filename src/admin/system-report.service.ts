import { Injectable } from '@nestjs/common';
import type { MetricValue } from 'prom-client';
import { HealthService } from '../health/health.service';
import { AppMetrics } from '../metrics/app-metrics';
import { QueueStats } from '../queue/queue-stats';
import type { SystemReportDto } from './dto/system-report.dto';

/** The System page's report, read from the same metrics that /metrics serves. */
@Injectable()
export class SystemReportService {
  constructor(
    private readonly metrics: AppMetrics,
    private readonly health: HealthService,
    private readonly queues: QueueStats,
  ) {}

  async report(): Promise<SystemReportDto> {
    const [health, queues, ticks, bots, unresolved, weight, bans, memory, started, lag] =
      await Promise.all([
        this.health.check(),
        this.queues.counts(),
        this.values('ticks_total'),
        this.values('bots'),
        this.values('order_unresolved'),
        this.values('exchange_weight_used'),
        this.values('exchange_banned_until_seconds'),
        this.values('process_resident_memory_bytes'),
        this.values('process_start_time_seconds'),
        this.values('nodejs_eventloop_lag_p99_seconds'),
      ]);
    const bannedUntil = new Map(bans.map(({ labels, value }) => [labels.host, value]));
    return {
      health,
      process: {
        uptimeSeconds: Math.round(Date.now() / 1000 - (started[0]?.value ?? 0)),
        residentMemoryBytes: memory[0]?.value ?? 0,
        eventLoopLagP99Seconds: lag[0]?.value ?? 0,
      },
      ticks: ticks.map(({ labels, value }) => ({ outcome: String(labels.outcome), count: value })),
      bots: bots.map(({ labels, value }) => ({
        status: String(labels.status),
        mode: String(labels.mode),
        count: value,
      })),
      ordersUnresolved: unresolved[0]?.value ?? 0,
      queues: { backend: this.queues.backend, queues },
      exchange: weight.map(({ labels, value }) => {
        const until = bannedUntil.get(labels.host) ?? 0;
        return {
          host: String(labels.host),
          weightUsed: value,
          ...(until > 0 ? { bannedUntil: new Date(until * 1000).toISOString() } : {}),
        };
      }),
    };
  }

  private async values(name: string): Promise<MetricValue<string>[]> {
    const metric = this.metrics.registry.getSingleMetric(`tradebot_${name}`);
    return metric ? (await metric.get()).values : [];
  }
}
