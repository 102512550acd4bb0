import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { BinanceSpotApi } from './binance-spot-api';
import type { RateLimitStore } from './rate-limit/rate-limit-store';
import { RequestGate } from './rate-limit/request-gate';
import { SymbolCatalog } from './symbol-catalog';

export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');

/** What every client of one Binance host shares. */
export interface BinanceVenue {
  baseURL: string;
  /** The weight budget and any ban, for market data and orders alike. */
  gate: RequestGate;
  /** Unsigned requests: market data and exchangeInfo. */
  publicApi: BinanceSpotApi;
  symbols: SymbolCatalog;
}

/** One venue per base URL (the real exchange, the testnet), created on first use. */
@Injectable()
export class BinanceVenues {
  private readonly venues = new Map<string, BinanceVenue>();

  constructor(
    private readonly config: AppConfig,
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
  ) {}

  venue(baseURL: string): BinanceVenue {
    let venue = this.venues.get(baseURL);
    if (!venue) {
      const gate = new RequestGate(this.store, new URL(baseURL).host);
      const publicApi = new BinanceSpotApi({
        baseURL,
        apiKey: '',
        apiSecret: '',
        timeoutMs: this.config.binanceTimeoutMs,
        gate,
      });
      const symbols = new SymbolCatalog((symbol) => publicApi.symbol(symbol));
      venue = { baseURL, gate, publicApi, symbols };
      this.venues.set(baseURL, venue);
    }
    return venue;
  }
}
