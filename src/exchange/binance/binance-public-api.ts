import connector, { type Spot } from '@binance/connector';
import type { Candle, Interval } from '../candle';
import type { SymbolInfo } from '../exchange-client.interface';
import type { PublicMarketApi } from '../market-data/public-market-api';
import { type RawSymbol, toSymbolInfo } from './binance-symbol-info';

const INVALID_SYMBOL = -1121;

/** Binance's public market endpoints through the real connector. */
export class BinancePublicApi implements PublicMarketApi {
  private readonly client: Spot;

  constructor(baseURL: string, timeoutMs: number) {
    this.client = new connector.Spot('', '', { baseURL, timeout: timeoutMs });
  }

  async klines(
    symbol: string,
    interval: Interval,
    options: { limit: number; startTime?: number; endTime?: number },
  ): Promise<Candle[]> {
    const response = await this.client.klines(symbol, interval, options);
    return response.data.map((row) => ({
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
      const response = await this.client.exchangeInfo({ symbol });
      const symbols = (response.data as { symbols: RawSymbol[] }).symbols;
      return symbols[0] ? toSymbolInfo(symbols[0]) : undefined;
    } catch (error) {
      const code = (error as { response?: { data?: { code?: number } } }).response?.data?.code;
      if (code === INVALID_SYMBOL) return undefined;
      throw error;
    }
  }
}
