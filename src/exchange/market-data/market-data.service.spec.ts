import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { type Candle } from '../../kernel/candle';
import type { SymbolInfo } from '../exchange-client.interface';
import { ProcessCandleStore } from './candle-store';
import {
  MarketDataUnavailableError,
  MarketHostUnavailableError,
  SymbolNotListedError,
} from './market-data.errors';
import { MarketDataStatus } from '../../health/market-data-status';
import { CANDLE_WINDOW, MAX_CACHED_CANDLES, MarketDataService } from './market-data.service';
import type { PublicMarketApi } from './public-market-api';
import { INTERVAL_MS, type Interval } from '../../kernel/interval';

const MINUTE = INTERVAL_MS['1m'];
const SLOT = Date.UTC(2026, 10, 24, 12);

/** A host with every symbol but those told otherwise; candles up to `closedUntil`. */
class ScriptedHost implements PublicMarketApi {
  readonly source = 'api.example.test';
  readonly requests: string[] = [];
  unlisted = new Set<string>();
  down = false;
  closedUntil = Number.MAX_SAFE_INTEGER;

  async klines(
    symbol: string,
    interval: Interval,
    { limit, endTime }: { limit: number; endTime?: number },
  ): Promise<Candle[]> {
    this.requests.push(`klines ${symbol} ${endTime}`);
    this.answer(symbol);
    const length = INTERVAL_MS[interval];
    const last = Math.min(endTime! + 1, this.closedUntil);
    return Array.from({ length: limit }, (_, i) => {
      const openTime = last - (limit - i) * length;
      return {
        openTime,
        open: '100.00',
        high: '101.00',
        low: '99.00',
        close: '100.50',
        volume: '1.000',
        closeTime: openTime + length - 1,
      };
    });
  }

  async symbolInfo(symbol: string): Promise<SymbolInfo | undefined> {
    this.requests.push(`symbolInfo ${symbol}`);
    if (this.unlisted.has(symbol)) return undefined;
    this.answer(symbol);
    return { symbol, baseAsset: 'X', quoteAsset: 'USDT', trading: true, filters: {} };
  }

  private answer(symbol: string): void {
    if (this.down) throw new MarketHostUnavailableError(this.source, 'Binance answered HTTP 503');
    if (this.unlisted.has(symbol)) throw new SymbolNotListedError(symbol);
  }
}

describe('MarketDataService', () => {
  const originalWarn = Logger.prototype.warn;
  let host: ScriptedHost;
  let service: MarketDataService;
  let warnings: string[];

  beforeEach(() => {
    host = new ScriptedHost();
    service = new MarketDataService(host, new ProcessCandleStore());
    warnings = [];
    Logger.prototype.warn = (message: string) => void warnings.push(message);
  });

  afterEach(() => {
    Logger.prototype.warn = originalWarn;
  });

  it('keeps at most MAX_CACHED_CANDLES candles, however many slots are asked for', async () => {
    const windows = MAX_CACHED_CANDLES / CANDLE_WINDOW;
    const slot = (i: number) => SLOT - i * MINUTE;
    for (let i = 0; i <= windows; i++) await service.closedCandles('BTCUSDT', '1m', slot(i), true);
    expect(host.requests).toHaveLength(windows + 1);
    // The newest window is still kept; the oldest was pushed out and is fetched again.
    await service.closedCandles('BTCUSDT', '1m', slot(windows), true);
    expect(host.requests).toHaveLength(windows + 1);
    await service.closedCandles('BTCUSDT', '1m', slot(0), true);
    expect(host.requests).toHaveLength(windows + 2);
  });

  it("makes a symbol the host does not list that symbol's error, not every paper bot's", async () => {
    host.unlisted.add('DOGEUSDT');
    await expect(service.closedCandles('DOGEUSDT', '1m', SLOT, true)).rejects.toBeInstanceOf(
      SymbolNotListedError,
    );
    await expect(service.symbolInfo('DOGEUSDT', true)).rejects.toBeInstanceOf(SymbolNotListedError);
    expect((await service.closedCandles('BTCUSDT', '1m', SLOT, true)).simulated).toBe(false);
    expect((await service.symbolInfo('BTCUSDT', true)).filters).toEqual({});
  });

  it('makes a candle the host does not have yet a wait for that bot alone', async () => {
    host.closedUntil = SLOT - MINUTE;
    const late = service.closedCandles('ETHUSDT', '1m', SLOT, true);
    await expect(late).rejects.toBeInstanceOf(MarketDataUnavailableError);
    await expect(late).rejects.not.toBeInstanceOf(MarketHostUnavailableError);
    expect((await service.closedCandles('BTCUSDT', '1m', SLOT - MINUTE, true)).simulated).toBe(
      false,
    );
  });

  it('puts every paper bot on simulated data when the host fails, without asking it again', async () => {
    host.down = true;
    // A live bot finds the host down: it waits, and paper bots need not ask.
    await expect(service.closedCandles('BTCUSDT', '1m', SLOT, false)).rejects.toBeInstanceOf(
      MarketHostUnavailableError,
    );
    const asked = host.requests.length;
    const market = await service.closedCandles('ETHUSDT', '1m', SLOT, true);
    expect(market.simulated).toBe(true);
    expect((await service.symbolInfo('ETHUSDT', true)).filters.stepSize).toBeDefined();
    expect(host.requests).toHaveLength(asked);
    // A live bot never trades on made-up data: it still asks, and still waits.
    await expect(service.closedCandles('ETHUSDT', '1m', SLOT, false)).rejects.toBeInstanceOf(
      MarketHostUnavailableError,
    );
    expect(host.requests).toHaveLength(asked + 1);
    expect(warnings).toEqual([
      'market data unavailable (api.example.test: Binance answered HTTP 503); paper bots use ' +
        'simulated data, asking the host again every 30 s',
    ]);
  });

  it('warns once when the host goes down and says once that it is back, however long it lasts', async () => {
    const notes: string[] = [];
    const originalLog = Logger.prototype.log;
    Logger.prototype.log = (message: string) => void notes.push(message);
    const now = jest.spyOn(Date, 'now');
    try {
      host.down = true;
      for (let retry = 0; retry < 4; retry++) {
        // Each retry after the backoff finds the host still down.
        now.mockReturnValue(SLOT + retry * 31_000);
        expect((await service.closedCandles('BTCUSDT', '1m', SLOT, true)).simulated).toBe(true);
      }
      expect(warnings).toHaveLength(1);
      expect(notes).toEqual([]);

      host.down = false;
      now.mockReturnValue(SLOT + 5 * 31_000);
      expect((await service.closedCandles('BTCUSDT', '1m', SLOT, true)).simulated).toBe(false);
      await service.closedCandles('ETHUSDT', '1m', SLOT, true);
      expect(notes).toEqual(['market data available again from api.example.test']);

      host.down = true;
      await expect(service.closedCandles('SOLUSDT', '1m', SLOT, false)).rejects.toBeInstanceOf(
        MarketHostUnavailableError,
      );
      expect(warnings).toHaveLength(2);
    } finally {
      now.mockRestore();
      Logger.prototype.log = originalLog;
    }
  });

  it('carries the simulated feed on from the last real close, and says since when', async () => {
    const status = new MarketDataStatus();
    service = new MarketDataService(host, new ProcessCandleStore(), status);
    await service.closedCandles('BTCUSDT', '1m', SLOT, true);
    expect(service.lastPrice('BTCUSDT')).toBe(100.5);
    expect(status.unreachableSince()).toBeUndefined();

    host.down = true;
    const before = Date.now();
    const next = SLOT + 5 * MINUTE;
    const market = await service.closedCandles('BTCUSDT', '1m', next, true);
    expect(market.simulated).toBe(true);
    // The last real close was 100.50 at SLOT: the walk goes on from there, on its tick.
    const atSlot = market.candles.find((candle) => candle.openTime === SLOT);
    expect(atSlot?.open).toBe('100.50');
    expect((await service.symbolInfo('BTCUSDT', true)).filters.tickSize).toBe('0.01');
    expect(status.unreachableSince()!.getTime()).toBeGreaterThanOrEqual(before);

    host.down = false;
    jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 31_000);
    try {
      await service.closedCandles('BTCUSDT', '1m', next, true);
    } finally {
      jest.restoreAllMocks();
    }
    expect(status.unreachableSince()).toBeUndefined();
  });
});
