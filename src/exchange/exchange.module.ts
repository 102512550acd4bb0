import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { BinancePublicApi } from './binance/binance-public-api';
import { MarketDataService } from './market-data/market-data.service';
import { PUBLIC_MARKET_API } from './market-data/public-market-api';

/** Market data requests must not stall a tick: past this, paper bots use simulated data. */
const MARKET_DATA_TIMEOUT_MS = 5000;

@Module({
  providers: [
    {
      provide: PUBLIC_MARKET_API,
      useFactory: (config: AppConfig) =>
        new BinancePublicApi(config.binanceBaseUrl, MARKET_DATA_TIMEOUT_MS),
      inject: [AppConfig],
    },
    MarketDataService,
  ],
  exports: [MarketDataService, PUBLIC_MARKET_API],
})
export class ExchangeModule {}
