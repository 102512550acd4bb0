import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../../config/app-config';
import { CredentialsService } from '../../credentials/credentials.service';
import { BinanceSpotApi } from '../binance/binance-spot-api';
import { BinanceVenues } from '../binance/binance-venues';
import { LiveSpotExchange } from '../binance/live-spot-exchange';
import type { LiveExchangeClient } from '../exchange-client.interface';
import type { LiveExchangeFactory } from '../live-exchange-factory';

/** Credentials whose clients are kept; one used after being pushed out is only rebuilt. */
export const MAX_CLIENTS = 1000;

/**
 * One Binance Spot client per credential, kept while it is in use (its clock offset and
 * commission rate are measured once); the gate and symbol catalog are the venue's, shared by
 * every credential and by market data on that host.
 */
@Injectable()
export class BinanceLiveExchangeFactory implements LiveExchangeFactory {
  private readonly clients = new LRUCache<string, LiveExchangeClient>({
    max: MAX_CLIENTS,
    // A client pushed out while it is built still answers the ticks waiting for it.
    ignoreFetchAbort: true,
    fetchMethod: (credentialId) => this.create(credentialId),
  });

  constructor(
    private readonly credentials: CredentialsService,
    private readonly config: AppConfig,
    private readonly venues: BinanceVenues,
  ) {}

  forCredential(credentialId: string): Promise<LiveExchangeClient> {
    return this.clients.forceFetch(credentialId);
  }

  private async create(credentialId: string): Promise<LiveExchangeClient> {
    const credential = await this.credentials.decryptForUse(credentialId);
    const baseURL = credential.testnet
      ? this.config.binanceTestnetBaseUrl
      : this.config.binanceBaseUrl;
    const venue = this.venues.venue(baseURL);
    const api = new BinanceSpotApi({
      baseURL,
      apiKey: credential.apiKey,
      apiSecret: credential.apiSecret,
      timeoutMs: this.config.binanceTimeoutMs,
      gate: venue.gate,
      countResponse: venue.countResponse,
    });
    return new LiveSpotExchange(api, (symbol) => venue.symbols.get(symbol));
  }
}
