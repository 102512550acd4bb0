import type { Candle } from '../../kernel/candle';
import type { SymbolInfo } from '../exchange-client.interface';
import { SymbolNotListedError } from '../market-data/market-data.errors';
import type { MarketDataRequest, PublicMarketApi } from '../market-data/public-market-api';
import type { BinanceVenue } from './binance-venues';
import { marketFailure } from './market-failure';
import { type Interval } from '../../kernel/interval';

/**
 * Binance's public market endpoints as the engine needs them, through the venue's gate:
 * market data counts against the same weight budget, and waits out the same bans, as
 * orders do; a backtest's or a chart's only within the share above the trading reserve.
 */
export class BinancePublicApi implements PublicMarketApi {
  readonly source: string;

  constructor(private readonly venue: BinanceVenue) {
    this.source = new URL(venue.baseURL).host;
  }

  async klines(
    symbol: string,
    interval: Interval,
    options: { limit: number; startTime?: number; endTime?: number },
    marketData?: MarketDataRequest,
  ): Promise<Candle[]> {
    const rows = await this.request(symbol, () =>
      this.venue.publicApi.klines(
        symbol,
        interval,
        options,
        marketData && { priority: 'market-data', ...marketData },
      ),
    );
    return rows.map((row) => ({
      openTime: Number(row[0]),
      open: String(row[1]),
      high: String(row[2]),
      low: String(row[3]),
      close: String(row[4]),
      volume: String(row[5]),
      closeTime: Number(row[6]),
    }));
  }

  async symbolInfo(symbol: string): Promise<SymbolInfo | undefined> {
    try {
      return await this.request(symbol, () => this.venue.symbols.get(symbol));
    } catch (error) {
      if (error instanceof SymbolNotListedError) return undefined;
      throw error;
    }
  }

  private async request<T>(symbol: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw marketFailure(error, this.source, symbol);
    }
  }
}
