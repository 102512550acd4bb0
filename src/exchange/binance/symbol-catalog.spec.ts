import { SymbolNotListedError } from '../market-data/market-data.errors';
import type { RawSymbol } from './binance-symbol-info';
import { MAX_CATALOG_SYMBOLS, SymbolCatalog } from './symbol-catalog';

const raw = (symbol: string): RawSymbol => ({
  symbol,
  status: 'TRADING',
  baseAsset: symbol.slice(0, -4),
  quoteAsset: 'USDT',
  filters: [{ filterType: 'LOT_SIZE', stepSize: '0.00001', minQty: '0.00001' }],
});
/** lru-cache reads its clock at most once a millisecond. */
const nextMillisecond = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('SymbolCatalog', () => {
  let now: number;
  let loads: string[];
  let catalog: SymbolCatalog;

  beforeEach(() => {
    now = 1_000_000;
    loads = [];
    catalog = new SymbolCatalog(
      async (symbol) => {
        loads.push(symbol);
        return symbol.startsWith('NOPE') ? undefined : raw(symbol);
      },
      { now: () => now },
    );
  });

  it('shares one request between concurrent callers and answers from it for ten minutes', async () => {
    const [first, second] = await Promise.all([catalog.get('BTCUSDT'), catalog.get('BTCUSDT')]);
    expect(first).toBe(second);
    expect(first.filters.stepSize).toBe('0.00001');
    now += 10 * 60_000 - 1;
    await nextMillisecond();
    await catalog.get('BTCUSDT');
    expect(loads).toEqual(['BTCUSDT']);
    now += 2;
    await nextMillisecond();
    await catalog.get('BTCUSDT');
    expect(loads).toEqual(['BTCUSDT', 'BTCUSDT']);
  });

  it('says a symbol is not listed, and asks again next time', async () => {
    await expect(catalog.get('NOPEUSDT')).rejects.toBeInstanceOf(SymbolNotListedError);
    await expect(catalog.get('NOPEUSDT')).rejects.toBeInstanceOf(SymbolNotListedError);
    expect(loads).toEqual(['NOPEUSDT', 'NOPEUSDT']);
  });

  it('keeps at most MAX_CATALOG_SYMBOLS symbols, however many are asked for', async () => {
    for (let i = 0; i <= MAX_CATALOG_SYMBOLS; i++) await catalog.get(`S${i}USDT`);
    // The oldest was pushed out by the last; the last is still kept.
    await catalog.get(`S${MAX_CATALOG_SYMBOLS}USDT`);
    await catalog.get('S0USDT');
    expect(loads).toHaveLength(MAX_CATALOG_SYMBOLS + 2);
    expect(loads.at(-1)).toBe('S0USDT');
  });
});
