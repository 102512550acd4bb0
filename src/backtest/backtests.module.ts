import { Module } from '@nestjs/common';
import { ExchangeModule } from '../exchange/exchange.module';
import { StrategiesModule } from '../strategies/strategies.module';
import { BacktestsController } from './backtests.controller';
import { BacktestsService } from './backtests.service';
import { CandleRangeFetcher } from './candle-range-fetcher';

@Module({
  imports: [StrategiesModule, ExchangeModule],
  controllers: [BacktestsController],
  providers: [BacktestsService, CandleRangeFetcher],
})
export class BacktestsModule {}
