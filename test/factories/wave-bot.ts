import type { BotConfig } from '../../src/database/entities/bot-config.entity';
import { insertPaperBot } from './bot.factory';
import type { TestApp } from '../utils/test-app';

/** ema-rsi that trades at once: fast EMAs and an RSI that never vetoes. */
export const FAST_EMA_RSI = {
  emaFast: 2,
  emaSlow: 4,
  rsiPeriod: 2,
  rsiOverbought: 99.99,
  rsiOversold: 0.01,
};

/** A 12-second sine around 50,000 (the fake exchange's 1s BTCUSDT): a crossover every few seconds. */
export const wave = (step: number) => 50_000 * (1 + 0.01 * Math.sin((2 * Math.PI * step) / 12));

/**
 * A paper bot of `owner` on BTCUSDT 1s candles with FAST_EMA_RSI, started over HTTP: with
 * the fake exchange on `wave` and the cron on, it trades within seconds.
 */
export async function startWaveBot(
  testApp: TestApp,
  owner: { id: string; token: string },
  overrides: Partial<BotConfig> = {},
): Promise<BotConfig> {
  const bot = await insertPaperBot(testApp.dataSource, {
    userId: owner.id,
    symbol: 'BTCUSDT',
    interval: '1s',
    strategyParams: FAST_EMA_RSI,
    positionSizeQuote: '1000',
    ...overrides,
  });
  await testApp.http
    .post(`/api/bots/${bot.id}/start`)
    .set('Authorization', `Bearer ${owner.token}`)
    .expect(202);
  return bot;
}
