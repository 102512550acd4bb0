// @binance/connector ships no types: the subset of its Spot client this project calls.
declare module '@binance/connector' {
  export interface SpotOptions {
    baseURL?: string;
    /** Milliseconds; the connector's default 0 means no timeout at all. */
    timeout?: number;
    logger?: Console;
    httpsAgent?: unknown;
  }

  export interface ConnectorResponse<T> {
    data: T;
    status: number;
    headers: Record<string, string | undefined>;
  }

  export class Spot {
    constructor(apiKey?: string, apiSecret?: string, options?: SpotOptions);
    time(): Promise<ConnectorResponse<{ serverTime: number }>>;
    exchangeInfo(options?: {
      symbol?: string;
      symbols?: string[];
    }): Promise<ConnectorResponse<unknown>>;
    klines(
      symbol: string,
      interval: string,
      options?: { limit?: number; startTime?: number; endTime?: number },
    ): Promise<ConnectorResponse<unknown[][]>>;
    tickerPrice(symbol?: string): Promise<ConnectorResponse<unknown>>;
    newOrder(
      symbol: string,
      side: 'BUY' | 'SELL',
      type: string,
      options?: Record<string, string | number | undefined>,
    ): Promise<ConnectorResponse<unknown>>;
    getOrder(
      symbol: string,
      options?: { orderId?: number; origClientOrderId?: string; recvWindow?: number },
    ): Promise<ConnectorResponse<unknown>>;
    account(options?: { recvWindow?: number }): Promise<ConnectorResponse<unknown>>;
    myTrades(
      symbol: string,
      options?: {
        orderId?: number;
        startTime?: number;
        endTime?: number;
        fromId?: number;
        limit?: number;
        recvWindow?: number;
      },
    ): Promise<ConnectorResponse<unknown>>;
    /** Every signed endpoint method builds its query and calls this. */
    protected signRequest(
      method: string,
      path: string,
      params?: Record<string, unknown>,
    ): Promise<ConnectorResponse<unknown>>;
    /** Sends `path` as given, with the API key header. */
    protected publicRequest(
      method: string,
      path: string,
      params?: Record<string, unknown>,
    ): Promise<ConnectorResponse<unknown>>;
  }

  const connector: { Spot: typeof Spot };
  export default connector;
}
