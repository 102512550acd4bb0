import type { SymbolInfo } from '../exchange-client.interface';
import type { CommissionRates, RawFill, RawOrder } from './binance-order';
import type { BinanceSpotApi } from './binance-spot-api';
import { LiveSpotExchange, MAX_BALANCES } from './live-spot-exchange';

/** An account whose reads the test answers, one asset at a time. */
class ScriptedAccount {
  readonly reads: string[] = [];
  private readonly pending: ((free: string) => void)[] = [];

  freeBalance(asset: string): Promise<string> {
    this.reads.push(asset);
    return new Promise((resolve) => this.pending.push(resolve));
  }

  answer(free: string): void {
    this.pending.shift()!(free);
  }
}

describe('LiveSpotExchange balances', () => {
  let account: ScriptedAccount;
  let exchange: LiveSpotExchange;

  beforeEach(() => {
    account = new ScriptedAccount();
    exchange = new LiveSpotExchange(account as unknown as BinanceSpotApi, () =>
      Promise.reject(new Error('no symbols here')),
    );
  });

  it('serves every bot of the key from one account read, until an order drops it', async () => {
    const both = Promise.all([exchange.freeBalance('USDT'), exchange.freeBalance('USDT')]);
    account.answer('100');
    expect(await both).toEqual(['100', '100']);
    expect(await exchange.freeBalance('USDT')).toBe('100');
    expect(account.reads).toEqual(['USDT']);

    // Nothing is sent here (the symbol lookup fails), but the balances are dropped all the same.
    await exchange.placeMarketOrder({
      clientOrderId: 'x',
      symbol: 'BTCUSDT',
      side: 'BUY',
      qty: '1',
      refPrice: '1',
    });
    const after = exchange.freeBalance('USDT');
    account.answer('40');
    expect(await after).toBe('40');
    expect(account.reads).toEqual(['USDT', 'USDT']);
  });

  it('answers a read in flight when an order drops the balances, without keeping it', async () => {
    const early = exchange.freeBalance('USDT');
    await exchange.placeMarketOrder({
      clientOrderId: 'x',
      symbol: 'BTCUSDT',
      side: 'BUY',
      qty: '1',
      refPrice: '1',
    });
    account.answer('100');
    expect(await early).toBe('100');
    const late = exchange.freeBalance('USDT');
    account.answer('40');
    expect(await late).toBe('40');
  });

  it('keeps at most MAX_BALANCES assets', async () => {
    for (let i = 0; i <= MAX_BALANCES; i++) {
      const read = exchange.freeBalance(`A${i}`);
      account.answer('1');
      await read;
    }
    const kept = exchange.freeBalance(`A${MAX_BALANCES}`);
    expect(await kept).toBe('1');
    const pushedOut = exchange.freeBalance('A0');
    account.answer('2');
    expect(await pushedOut).toBe('2');
    expect(account.reads).toHaveLength(MAX_BALANCES + 2);
  });
});

describe('LiveSpotExchange lookups of an executed order whose trades cannot be read', () => {
  const filled: RawOrder = {
    orderId: 7,
    clientOrderId: 'tb-7',
    status: 'FILLED',
    side: 'BUY',
    executedQty: '0.02000000',
    cummulativeQuoteQty: '1000.00000000',
    updateTime: 1_700_000_000_000,
  };
  const info = { symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT' } as SymbolInfo;
  const rates: CommissionRates = { maker: '0.001', taker: '0.001', buyer: '0', seller: '0' };
  let trades: () => Promise<RawFill[]>;
  let commission: () => Promise<CommissionRates>;
  let exchange: LiveSpotExchange;

  beforeEach(() => {
    trades = () => Promise.reject(new Error('HTTP 500'));
    commission = () => Promise.resolve(rates);
    const api = {
      order: () => Promise.resolve(filled),
      tradesOfOrder: () => trades(),
      commissionRates: () => commission(),
    };
    exchange = new LiveSpotExchange(api as unknown as BinanceSpotApi, () => Promise.resolve(info));
  });

  it('leaves it unknown, saying its fills are unread, until told to settle without them', async () => {
    expect(await exchange.findOrder('BTCUSDT', 'tb-7')).toEqual({
      status: 'unknown',
      reason: 'fills not read: HTTP 500',
      fillsUnread: true,
    });
    const settled = await exchange.findOrder('BTCUSDT', 'tb-7', { settleWithoutFills: true });
    expect(settled.status === 'filled' && settled.fill).toMatchObject({
      feeEstimated: true,
      commissionAsset: 'BTC',
    });
    expect(settled.status === 'filled' && settled.fill.commission.toFixed()).toBe('0.00002');
  });

  it('treats a trade list that does not add up like an unread one', async () => {
    trades = () =>
      Promise.resolve([
        { price: '50000', qty: '0.01', commission: '0.00001', commissionAsset: 'BTC' },
      ]);
    expect(await exchange.findOrder('BTCUSDT', 'tb-7')).toMatchObject({ fillsUnread: true });
    const settled = await exchange.findOrder('BTCUSDT', 'tb-7', { settleWithoutFills: true });
    expect(settled.status === 'filled' && settled.fill.feeEstimated).toBe(true);
  });

  it('uses the trades when they can be read, even when told it may do without', async () => {
    trades = () =>
      Promise.resolve([
        { price: '50000', qty: '0.02', commission: '0.00003', commissionAsset: 'BTC' },
      ]);
    const found = await exchange.findOrder('BTCUSDT', 'tb-7', { settleWithoutFills: true });
    expect(found.status === 'filled' && found.fill.feeEstimated).toBeFalsy();
    expect(found.status === 'filled' && found.fill.commission.toFixed()).toBe('0.00003');
  });

  it('stays unknown when the commission rates cannot be read either', async () => {
    commission = () => Promise.reject(new Error('HTTP 503'));
    expect(await exchange.findOrder('BTCUSDT', 'tb-7', { settleWithoutFills: true })).toEqual({
      status: 'unknown',
      reason: 'fills not read: HTTP 500; commission rates not read: HTTP 503',
      fillsUnread: true,
    });
  });
});
