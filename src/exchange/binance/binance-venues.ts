import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { AppMetrics } from '../../metrics/app-metrics';
import { BinanceSpotApi } from './binance-spot-api';
import type { RateLimitStore } from './rate-limit/rate-limit-store';
import { RequestGate } from './rate-limit/request-gate';
import { SymbolCatalog } from './symbol-catalog';

export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');

/** What every client of one Binance host shares. */
export interface BinanceVenue {
  baseURL: string;
  host: string;
  /** The weight budget (with its trading reserve) and any ban, for market data and orders alike. */
  gate: RequestGate;
  /** Counts a response from this host in the metrics (every client of the host calls it). */
  countResponse: (status: string) => void;
  /** Unsigned requests: market data and exchangeInfo. */
  publicApi: BinanceSpotApi;
  symbols: SymbolCatalog;
}

/**
 * One venue per base URL (the real exchange, the testnet), created on first use. Its weight
 * and ban are in the metrics, read from the shared store when scraped.
 */
@Injectable()
export class BinanceVenues implements OnModuleInit {
  private readonly venues = new Map<string, BinanceVenue>();

  constructor(
    private readonly config: AppConfig,
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    private readonly metrics: AppMetrics,
  ) {}

  onModuleInit(): void {
    const perVenue = (read: (venue: BinanceVenue) => Promise<number>) => () =>
      Promise.all(
        [...this.venues.values()].map(async (venue) => ({
          labels: { host: venue.host },
          value: await read(venue),
        })),
      );
    this.metrics.sampledGauge(
      'exchange_weight_used',
      "Request weight used in the exchange's current minute, by every process sharing the store",
      ['host'],
      perVenue((venue) => venue.gate.usedNow()),
    );
    this.metrics.sampledGauge(
      'exchange_banned_until_seconds',
      'Until when a 429 or 418 holds every request to the host (Unix time; 0: none)',
      ['host'],
      perVenue(async (venue) => {
        const until = await venue.gate.bannedUntil();
        return until > Date.now() ? until / 1000 : 0;
      }),
    );
  }

  venue(baseURL: string): BinanceVenue {
    let venue = this.venues.get(baseURL);
    if (!venue) {
      const host = new URL(baseURL).host;
      const gate = new RequestGate(this.store, host, {
        budget: this.config.binanceWeightBudget,
        tradingReserve: this.config.binanceTradingReserve,
      });
      const countResponse = (status: string) => this.metrics.exchangeRequests.inc({ host, status });
      const publicApi = new BinanceSpotApi({
        baseURL,
        apiKey: '',
        apiSecret: '',
        timeoutMs: this.config.binanceTimeoutMs,
        gate,
        countResponse,
      });
      const symbols = new SymbolCatalog((symbol) => publicApi.symbol(symbol));
      venue = { baseURL, host, gate, countResponse, publicApi, symbols };
      this.venues.set(baseURL, venue);
    }
    return venue;
  }
}
