import { Module } from '@nestjs/common';
import { ExchangeModule } from '../../exchange/exchange.module';
import { LiveExchangeModule } from '../../exchange/live/live-exchange.module';
import { NotificationsModule } from '../../notifications/notifications.module';
import { JobQueue } from '../../queue/job-queue';
import { jobWorker } from '../../queue/job-worker';
import { QueueName } from '../../queue/queue.constants';
import { jobQueueToken, QueueModule } from '../../queue/queue.module';
import { StrategiesModule } from '../../strategies/strategies.module';
import { RepositoriesModule } from '../../database/repositories/repositories.module';
import { BotJobHandler } from './bot-job-handler.service';
import { BotLifecycleController } from './bot-lifecycle.controller';
import { BotLifecycleService } from './bot-lifecycle.service';
import { BotRunnerService } from './bot-runner.service';
import { DailyResetCron } from './daily-reset.cron';
import { OrderSweeper } from './order-sweeper';
import { DailyResetService } from './daily-reset.service';
import { EngineGauges } from './engine-gauges';
import { EngineEvents } from './engine-events.service';
import { ExchangeRouter } from './exchange-router.service';
import { TickGroupService } from './tick-group.service';
import { TickSchedulerService } from './tick-scheduler.service';

const botJobsQueue = QueueModule.forFeature({ name: QueueName.BotJobs });

/**
 * Ticks, their scheduling, start/stop and the daily reset: the execution engine. Exports its
 * queue, which the admins' views count.
 */
@Module({
  imports: [
    RepositoriesModule,
    StrategiesModule,
    ExchangeModule,
    LiveExchangeModule,
    NotificationsModule,
    botJobsQueue,
  ],
  controllers: [BotLifecycleController],
  providers: [
    EngineEvents,
    BotRunnerService,
    ExchangeRouter,
    DailyResetService,
    TickGroupService,
    BotJobHandler,
    // The engine's services enqueue through the JobQueue class itself.
    { provide: JobQueue, useExisting: jobQueueToken(QueueName.BotJobs) },
    jobWorker({
      queue: QueueName.BotJobs,
      handler: BotJobHandler,
      concurrency: (config) => config.jobConcurrency,
    }),
    TickSchedulerService,
    DailyResetCron,
    OrderSweeper,
    BotLifecycleService,
    EngineGauges,
  ],
  exports: [botJobsQueue],
})
export class BotEngineModule {}
