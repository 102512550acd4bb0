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
