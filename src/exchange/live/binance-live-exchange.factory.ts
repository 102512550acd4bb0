import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { CredentialsService } from '../../credentials/credentials.service';
import { BinanceSpotApi } from '../binance/binance-spot-api';
import { BinanceVenues } from '../binance/binance-venues';
import { LiveSpotExchange } from '../binance/live-spot-exchange';
import type { LiveExchangeClient } from '../exchange-client.interface';
import type { LiveExchangeFactory } from '../live-exchange-factory';

/**
 * One Binance Spot client per credential, kept for the life of the process (its clock offset
 * and commission rate are measured once); the gate and symbol catalog are the venue's,
 * shared by every credential and by market data on that host.
 */
@Injectable()
export class BinanceLiveExchangeFactory implements LiveExchangeFactory {
  private readonly clients = new Map<string, Promise<LiveExchangeClient>>();

  constructor(
    private readonly credentials: CredentialsService,
    private readonly config: AppConfig,
    private readonly venues: BinanceVenues,
  ) {}

  forCredential(credentialId: string): Promise<LiveExchangeClient> {
    let client = this.clients.get(credentialId);
    if (!client) {
      client = this.create(credentialId);
      this.clients.set(credentialId, client);
      client.catch(() => this.clients.delete(credentialId));
    }
    return client;
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
    });
    return new LiveSpotExchange(api, (symbol) => venue.symbols.get(symbol));
  }
}
