import type { Schemas } from '../api/types';
import { attentionReasons, todayPnl, unrealizedPnl, utcDay } from './overview-values';

const state = (fields: Partial<Schemas['BotStateResponseDto']>) =>
  ({
    status: 'running',
    statusReason: null,
    position: null,
    orderInFlight: false,
    stopRequestedAt: null,
    daily: { date: '2026-12-07', trades: 1, realizedPnl: '4.5' },
    lastSignal: null,
    lastError: null,
    ...fields,
  }) as Schemas['BotStateResponseDto'];

const position = {
  qty: '0.5',
  entryPrice: '100',
  entryTime: null,
  entryCostQuote: '50.05',
  trailingHigh: '100',
  stopLossPrice: null,
  takeProfitPrice: null,
};

describe('overview values', () => {
  it("counts a bot's daily pnl only on its UTC day", () => {
    expect(utcDay(Date.UTC(2026, 11, 7, 23, 59))).toBe('2026-12-07');
    expect(todayPnl(state({}), '2026-12-07')).toBe(4.5);
    expect(todayPnl(state({}), '2026-12-08')).toBe(0);
  });

  it('marks a position at the last close, its entry fee counted', () => {
    expect(unrealizedPnl(state({ position, lastSignal: { close: '110' } }))).toBeCloseTo(4.95);
    expect(unrealizedPnl(state({ position, lastSignal: null }))).toBeNull();
    expect(unrealizedPnl(state({ lastSignal: { close: '110' } }))).toBeNull();
  });

  it('names why a bot needs attention', () => {
    expect(attentionReasons(state({}))).toEqual([]);
    expect(
      attentionReasons(state({ status: 'error', lastError: 'exchange refused the key' })),
    ).toEqual(['error: exchange refused the key']);
    expect(
      attentionReasons(
        state({ status: 'paused', statusReason: 'daily loss limit', orderInFlight: true }),
      ),
    ).toEqual(['paused: daily loss limit', 'an order is not resolved yet']);
    expect(attentionReasons(state({ stopRequestedAt: '2026-12-07T10:00:00Z' }))).toEqual([
      'a stop waits for an order to settle',
    ]);
  });
});
