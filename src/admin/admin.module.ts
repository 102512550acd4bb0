import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { BotEngineModule } from '../bots/engine/bot-engine.module';
import type { AppConfig } from '../config/app-config';
import { HealthModule } from '../health/health.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { QueueStats } from '../queue/queue-stats';
import { AdminController } from './admin.controller';
import { QueueViewModule } from './queue-view.module';
import { SystemReportService } from './system-report.service';

/**
 * What admins see of the running system: queue counts, the System report, and Bull Board
 * when the queues are Bull's (in-process queues have no Redis for it to read).
 */
@Module({})
export class AdminModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AdminModule,
      imports: [
        AuthModule,
        HealthModule,
        // For their queues.
        BotEngineModule,
        NotificationsModule,
        ...(config.redisUrl ? [QueueViewModule] : []),
      ],
      controllers: [AdminController],
      providers: [SystemReportService, QueueStats],
    };
  }
}
