import {
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type Provider,
} from '@nestjs/common';
import { BullModule, getQueueToken } from '@nestjs/bull';
import { ModuleRef } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { AppConfig } from '../../config/app-config';
import { ExchangeModule } from '../../exchange/exchange.module';
import { LiveExchangeModule } from '../../exchange/live/live-exchange.module';
import { BullJobQueue } from '../../queue/bull-job-queue';
import { processBullJobs } from '../../queue/bull-job-processor';
import { InProcessJobQueue } from '../../queue/in-process-job-queue';
import { JOB_HANDLER, type JobHandler, JobQueue } from '../../queue/job-queue';
import { QueueName } from '../../queue/queue.constants';
import { QueueStats } from '../../queue/queue-stats';
import { StrategiesModule } from '../../strategies/strategies.module';
import { BotConfig } from '../entities/bot-config.entity';
import { BotState } from '../entities/bot-state.entity';
import { Order } from '../entities/order.entity';
import { Trade } from '../entities/trade.entity';
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

/** Starts consuming Bull jobs once the whole app is up (not while modules still load). */
@Injectable()
class BullWorker implements OnApplicationBootstrap {
  constructor(
    @Inject(getQueueToken(QueueName.BotJobs)) private readonly queue: Queue,
    @Inject(JOB_HANDLER) private readonly handler: JobHandler,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.jobConcurrency > 0) {
      processBullJobs(this.queue, this.handler, this.config.jobConcurrency);
    }
  }
}

function queueProviders(useBull: boolean): Provider[] {
  if (useBull) {
    return [
      BullWorker,
      {
        provide: JobQueue,
        useFactory: (queue: Queue) => new BullJobQueue(queue),
        inject: [getQueueToken(QueueName.BotJobs)],
      },
    ];
  }
  return [
    {
      provide: JobQueue,
      // The handler is looked up when a job runs: it enqueues too (a tick group's failed
      // bot), so injecting it here would be a cycle.
      useFactory: (moduleRef: ModuleRef, config: AppConfig) => {
        const handler: JobHandler = {
          handle: (name, data) => moduleRef.get<JobHandler>(JOB_HANDLER).handle(name, data),
        };
        return new InProcessJobQueue(handler, Math.max(1, config.jobConcurrency));
      },
      inject: [ModuleRef, AppConfig],
    },
  ];
}

/**
 * Ticks, their scheduling, start/stop and the daily reset: the execution engine. Global so
 * that the admins' views read its queues without importing the engine's configuration.
 */
@Module({})
export class BotEngineModule {
  static forRoot(config: AppConfig): DynamicModule {
    const useBull = Boolean(config.redisUrl);
    return {
      module: BotEngineModule,
      global: true,
      imports: [
        TypeOrmModule.forFeature([BotConfig, BotState, Order, Trade]),
        StrategiesModule,
        ExchangeModule,
        LiveExchangeModule,
        ...(useBull ? [BullModule.registerQueue({ name: QueueName.BotJobs })] : []),
      ],
      controllers: [BotLifecycleController],
      providers: [
        EngineEvents,
        BotRunnerService,
        ExchangeRouter,
        DailyResetService,
        TickGroupService,
        BotJobHandler,
        { provide: JOB_HANDLER, useExisting: BotJobHandler },
        ...queueProviders(useBull),
        TickSchedulerService,
        DailyResetCron,
        OrderSweeper,
        BotLifecycleService,
        EngineGauges,
        QueueStats,
      ],
      exports: [JobQueue, BotRunnerService, TickSchedulerService, DailyResetService, QueueStats],
    };
  }
}
