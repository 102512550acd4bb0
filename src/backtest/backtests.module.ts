import { Module } from '@nestjs/common';
import { UserRateLimitModule } from '../user-rate-limit/user-rate-limit.module';
import { ExchangeModule } from '../exchange/exchange.module';
import { StrategiesModule } from '../strategies/strategies.module';
import { BacktestsController } from './backtests.controller';
import { BacktestsService } from './backtests.service';
import { BacktestPool } from './pool/backtest-pool.service';

@Module({
  imports: [ExchangeModule, UserRateLimitModule, StrategiesModule],
  controllers: [BacktestsController],
  providers: [BacktestsService, BacktestPool],
  // The one pool of backtest threads per process: optimizations' chunks run on it too.
  exports: [BacktestPool],
})
export class BacktestsModule {}
