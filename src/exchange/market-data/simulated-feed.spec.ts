import { fillPrice, sizeEntry } from '../../risk/fills';
import { money } from '../../risk/money';
import { DEFAULT_FILL_PARAMS } from '../../risk/risk-params';
import { simulatedCandles, simulatedSymbolInfo } from './simulated-feed';

describe('simulatedCandles', () => {
  const slot = Date.UTC(2026, 10, 24, 12);

  it('returns closed candles ending right before the slot', () => {
    const candles = simulatedCandles('BTCUSDT', '1m', slot, 100);
    expect(candles).toHaveLength(100);
    expect(candles.at(-1)!.closeTime).toBe(slot - 1);
    expect(candles[1].openTime - candles[0].openTime).toBe(60_000);
    for (const candle of candles) {
      expect(Number(candle.high)).toBeGreaterThanOrEqual(Math.max(+candle.open, +candle.close));
      expect(Number(candle.low)).toBeLessThanOrEqual(Math.min(+candle.open, +candle.close));
    }
  });

  it('is the same series whatever the window, and differs between symbols', () => {
    const long = simulatedCandles('ETHUSDT', '1m', slot, 50);
    const short = simulatedCandles('ETHUSDT', '1m', slot - 60_000, 10);
    expect(short).toEqual(long.slice(39, 49));
    expect(simulatedCandles('BTCUSDT', '1m', slot, 5)).not.toEqual(
      simulatedCandles('ETHUSDT', '1m', slot, 5),
    );
  });

  it('gives a pair the filters Binance gives a pair at its price', () => {
    expect(simulatedSymbolInfo('BTCUSDT')).toEqual({
      symbol: 'BTCUSDT',
      baseAsset: 'BTC',
      quoteAsset: 'USDT',
      trading: true,
      filters: { tickSize: '0.01', stepSize: '0.00001', minQty: '0.00001', minNotional: '5' },
    });
    for (const symbol of ['ETHUSDT', 'SOLUSDT', 'PEPEUSDT', 'ETHBTC', 'AB']) {
      const { filters } = simulatedSymbolInfo(symbol);
      for (const candle of simulatedCandles(symbol, '1h', slot, 100)) {
        expect(money(candle.close).mod(filters.tickSize!).isZero()).toBe(true);
        // One step is worth a tenth to a whole unit of the quote, as on Binance.
        const stepWorth = money(filters.stepSize!).mul(candle.close).toNumber();
        expect(stepWorth).toBeGreaterThan(0.09);
        expect(stepWorth).toBeLessThan(1.1);
      }
    }
  });

  it('carries on from the last real price seen, on its tick', () => {
    const anchor = { price: 94_791.02, time: slot - 10 * 60_000 };
    const candles = simulatedCandles('BTCUSDT', '1m', slot, 10, anchor);
    expect(candles[0].open).toBe('94791.02');
    expect(simulatedSymbolInfo('ETHUSDT', 0.1523).filters.tickSize).toBe('0.00001');
  });

  it('sizes a paper buy in amounts that read like Binance', () => {
    const { filters } = simulatedSymbolInfo('ETHUSDT');
    const close = simulatedCandles('ETHUSDT', '1m', slot, 1)[0].close;
    const size = sizeEntry({
      balanceQuote: '10000',
      positionSizeQuote: '1000',
      price: fillPrice(close, 'BUY', DEFAULT_FILL_PARAMS.slippageBps),
      fill: DEFAULT_FILL_PARAMS,
      filters,
    });
    expect(size.ok && size.qty.toFixed()).toMatch(/^0\.\d{4}$/);
  });
});
