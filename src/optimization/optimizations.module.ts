import { Module } from '@nestjs/common';
import { BacktestsModule } from '../backtest/backtests.module';
import { RepositoriesModule } from '../database/repositories/repositories.module';
import { ExchangeModule } from '../exchange/exchange.module';
import { jobWorker } from '../queue/job-worker';
import { QueueName } from '../queue/queue.constants';
import { QueueModule } from '../queue/queue.module';
import { UserRateLimitModule } from '../user-rate-limit/user-rate-limit.module';
import { ChunkInputs } from './chunk-inputs';
import { ChunkStoredSignal } from './chunk-stored-signal';
import { OptimizationChunkHandler } from './optimization-chunk.handler';
import { OptimizationCoordinator } from './optimization-coordinator.service';
import { OptimizationSweeper } from './optimization-sweeper';
import { OptimizationsController } from './optimizations.controller';
import { OptimizationsService } from './optimizations.service';

/**
 * Parameter searches: the API and coordinator, and the chunks' worker, which every process
 * with backtest threads runs (the in-process queue here, Bull's workers in scale-out).
 */
@Module({
  imports: [
    RepositoriesModule,
    BacktestsModule,
    ExchangeModule,
    UserRateLimitModule,
    QueueModule.forFeature({ name: QueueName.Optimizations }),
  ],
  controllers: [OptimizationsController],
  providers: [
    OptimizationsService,
    OptimizationCoordinator,
    OptimizationChunkHandler,
    ChunkInputs,
    ChunkStoredSignal,
    OptimizationSweeper,
    jobWorker({
      queue: QueueName.Optimizations,
      handler: OptimizationChunkHandler,
      // Two chunks a thread: the next waits in the pool's queue while the last one's points
      // are stored, so no thread idles on the database.
      concurrency: (config) => config.backtestConcurrency * 2,
    }),
  ],
})
export class OptimizationsModule {}
