import { Module } from '@nestjs/common';
import { RepositoriesModule } from '../../database/repositories/repositories.module';
import { UserRateLimitModule } from '../../user-rate-limit/user-rate-limit.module';
import { ExchangeModule } from '../exchange.module';
import { CandleHistoryController } from './candle-history.controller';
import { CandleHistoryService } from './candle-history.service';

@Module({
  imports: [ExchangeModule, RepositoriesModule, UserRateLimitModule],
  controllers: [CandleHistoryController],
  providers: [CandleHistoryService],
})
export class CandleHistoryModule {}
