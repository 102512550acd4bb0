import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AppMetrics } from './app-metrics';
import { MetricsPortServer } from './metrics-port.server';
import { MetricsController } from './metrics.controller';
import { ScrapeAuth } from './scrape-auth';

/**
 * Prometheus metrics at GET /metrics (and on METRICS_PORT for a process without the API).
 * Global: the engine, the exchange clients and the notifications count into AppMetrics
 * without each importing this module.
 */
@Global()
@Module({
  imports: [AuthModule],
  controllers: [MetricsController],
  providers: [AppMetrics, ScrapeAuth, MetricsPortServer],
  exports: [AppMetrics],
})
export class MetricsModule {}
