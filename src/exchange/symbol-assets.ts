const QUOTE_ASSETS = ['USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'BTC', 'ETH', 'BNB', 'EUR', 'TRY'];

/** Splits a symbol by its quote asset when exchangeInfo cannot be had (Binance unreachable, simulated market data). */
export function splitSymbol(symbol: string): { baseAsset: string; quoteAsset: string } {
  const quoteAsset = QUOTE_ASSETS.find((quote) => symbol.endsWith(quote) && symbol !== quote);
  return quoteAsset
    ? { baseAsset: symbol.slice(0, -quoteAsset.length), quoteAsset }
    : { baseAsset: symbol, quoteAsset: 'QUOTE' };
}
