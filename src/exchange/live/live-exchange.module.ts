import { Module } from '@nestjs/common';
import { CredentialsModule } from '../../credentials/credentials.module';
import { ExchangeModule } from '../exchange.module';
import { LIVE_EXCHANGE_FACTORY } from '../live-exchange-factory';
import { BinanceLiveExchangeFactory } from './binance-live-exchange.factory';

/** Live trading on Binance Spot: provides the engine's LIVE_EXCHANGE_FACTORY. */
@Module({
  imports: [CredentialsModule, ExchangeModule],
  providers: [{ provide: LIVE_EXCHANGE_FACTORY, useClass: BinanceLiveExchangeFactory }],
  exports: [LIVE_EXCHANGE_FACTORY],
})
export class LiveExchangeModule {}
