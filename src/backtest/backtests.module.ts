import { Module } from '@nestjs/common';
import { ExchangeModule } from '../exchange/exchange.module';
import { BacktestsController } from './backtests.controller';
import { BacktestsService } from './backtests.service';
import { BacktestPool } from './pool/backtest-pool.service';

@Module({
  imports: [ExchangeModule],
  controllers: [BacktestsController],
  providers: [BacktestsService, BacktestPool],
})
export class BacktestsModule {}
