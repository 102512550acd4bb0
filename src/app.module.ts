import { type DynamicModule, Module } from '@nestjs/common';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BacktestsModule } from './backtest/backtests.module';
import { CandleHistoryModule } from './exchange/candle-history/candle-history.module';
import { BotEngineModule } from './bots/engine/bot-engine.module';
import { BotsModule } from './bots/bots.module';
import { ScheduleModule } from '@nestjs/schedule';
import type { RuntimeConfig } from './runtime-config';
import { ConfigModule } from './config/config.module';
import { CredentialsModule } from './credentials/credentials.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OptimizationsModule } from './optimization/optimizations.module';
import { RiskModule } from './risk/risk.module';
import { SignalsModule } from './signals/signals.module';
import { StrategiesModule } from './strategies/strategies.module';
import { strategySourcesOf } from './strategies/strategy-sources';
import { StrategySourcesModule } from './strategies/strategy-sources.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static forRoot(config: RuntimeConfig['config']): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(config.databaseUrl, { transactionGuard: config.transactionGuard }),
        UsersModule,
        AuthModule,
        CredentialsModule,
        StrategySourcesModule.forRoot(strategySourcesOf(config)),
        StrategiesModule,
        RiskModule,
        BotsModule,
        BacktestsModule,
        OptimizationsModule,
        CandleHistoryModule,
        NotificationsModule,
        BotEngineModule,
        SignalsModule,
        AuditModule,
        HealthModule,
        MetricsModule,
        AdminModule.forRoot(config),
        DashboardModule,
        // CRON_ENABLED=false registers none of the engine's cron jobs and intervals (the
        // daily reset, candle closes, the order sweep): a process that only serves the API.
        ScheduleModule.forRoot({
          cronJobs: config.cronEnabled,
          intervals: config.cronEnabled,
          timeouts: false,
        }),
      ],
    };
  }
}
