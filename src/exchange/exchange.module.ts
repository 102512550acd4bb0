import { Module } from '@nestjs/common';
import { UserRateLimitModule } from '../user-rate-limit/user-rate-limit.module';
import { AppConfig } from '../config/app-config';
import { SharedRedisModule } from '../redis/shared-redis';
import { RepositoriesModule } from '../database/repositories/repositories.module';
import { BinancePublicApi } from './binance/binance-public-api';
import { BinanceVenues } from './binance/binance-venues';
import { rateLimitStoreProvider } from './binance/rate-limit-store.provider';
import { CandleRangeFetcher } from './market-data/candle-range-fetcher';
import { candleStoreProvider } from './market-data/candle-store.provider';
import { MarketDataService } from './market-data/market-data.service';
import { PUBLIC_MARKET_API } from './market-data/public-market-api';
import { MarketController } from './market/market.controller';
import { MarketService } from './market/market.service';

@Module({
  imports: [UserRateLimitModule, SharedRedisModule, RepositoriesModule],
  controllers: [MarketController],
  providers: [
    rateLimitStoreProvider,
    BinanceVenues,
    {
      provide: PUBLIC_MARKET_API,
      useFactory: (venues: BinanceVenues, config: AppConfig) =>
        new BinancePublicApi(venues.venue(config.binanceBaseUrl)),
      inject: [BinanceVenues, AppConfig],
    },
    candleStoreProvider,
    MarketDataService,
    CandleRangeFetcher,
    MarketService,
  ],
  exports: [MarketDataService, CandleRangeFetcher, BinanceVenues],
})
export class ExchangeModule {}
