import type { AppConfig } from '../../config/app-config';
import type { CredentialsService } from '../../credentials/credentials.service';
import { AppMetrics } from '../../metrics/app-metrics';
import { BinanceVenues } from '../binance/binance-venues';
import { InMemoryRateLimitStore } from '../binance/rate-limit/rate-limit-store';
import { BinanceLiveExchangeFactory, MAX_CLIENTS } from './binance-live-exchange.factory';

describe('BinanceLiveExchangeFactory', () => {
  let decrypted: string[];
  let factory: BinanceLiveExchangeFactory;

  beforeEach(() => {
    decrypted = [];
    const credentials = {
      decryptForUse: async (id: string) => {
        decrypted.push(id);
        if (id === 'gone') throw new Error('credential not found');
        return { apiKey: `key-${id}`, apiSecret: `secret-${id}`, testnet: false };
      },
    } as unknown as CredentialsService;
    // Nothing is requested: a client only talks to Binance when a bot uses it.
    const config = {
      binanceBaseUrl: 'http://127.0.0.1:1',
      binanceTestnetBaseUrl: 'http://127.0.0.1:2',
      binanceTimeoutMs: 1000,
    } as AppConfig;
    const venues = new BinanceVenues(config, new InMemoryRateLimitStore(), new AppMetrics());
    factory = new BinanceLiveExchangeFactory(credentials, config, venues);
  });

  it('builds one client per credential, shared by every caller', async () => {
    const [first, second] = await Promise.all([
      factory.forCredential('a'),
      factory.forCredential('a'),
    ]);
    expect(first).toBe(second);
    expect(await factory.forCredential('a')).toBe(first);
    expect(decrypted).toEqual(['a']);
  });

  it('forgets a credential it could not build', async () => {
    await expect(factory.forCredential('gone')).rejects.toThrow('credential not found');
    await expect(factory.forCredential('gone')).rejects.toThrow('credential not found');
    expect(decrypted).toEqual(['gone', 'gone']);
  });

  it('keeps at most MAX_CLIENTS clients', async () => {
    for (let i = 0; i <= MAX_CLIENTS; i++) await factory.forCredential(`c${i}`);
    await factory.forCredential(`c${MAX_CLIENTS}`);
    await factory.forCredential('c0');
    expect(decrypted).toHaveLength(MAX_CLIENTS + 2);
    expect(decrypted.at(-1)).toBe('c0');
  });
});
