import { BotStatus } from '../../kernel/bot.enums';
import type { BotState } from '../../database/entities/bot-state.entity';
import { protectionPatch, protectionStateOf, startedPause } from './tick-protection-state';

const UNTIL = Date.UTC(2026, 0, 1, 12);
const pause = { kind: 'cooldown' as const, reason: 'cooldownCandles: 3', until: UNTIL };
const stateWith = (fields: Partial<BotState>) =>
  ({ protection: null, stopLossTimes: null, equityPeak: null, ...fields }) as BotState;

describe('protectionPatch', () => {
  it('writes nothing for protections that did not change', () => {
    const state = stateWith({ protection: pause, equityPeak: '100' });
    const unchanged = protectionPatch(state, protectionStateOf(state), null);
    expect(unchanged).toEqual({
      status: BotStatus.Paused,
      statusReason: 'cooldownCandles: 3, until 2026-01-01T12:00:00.000Z',
    });
    expect(protectionPatch(stateWith({}), protectionStateOf(stateWith({})), null)).toEqual({});
  });

  it('writes what changed, and leaves the status to a daily limit that holds too', () => {
    const after = { pause, stopLossTimes: [UNTIL - 60_000], equityPeak: '90' };
    const limit = { limit: 'max_daily_trades' as const, reason: 'maxDailyTrades reached' };
    expect(protectionPatch(stateWith({}), after, limit)).toEqual({
      protection: pause,
      stopLossTimes: [UNTIL - 60_000],
      equityPeak: '90',
    });
  });
});

describe('startedPause', () => {
  it('is the pause this tick started: a new one, or one ending at another time', () => {
    expect(startedPause(null, pause)).toBe(pause);
    expect(startedPause(pause, { ...pause })).toBeNull();
    const longer = { ...pause, kind: 'stop_loss_guard' as const, until: UNTIL + 1 };
    expect(startedPause(pause, longer)).toBe(longer);
    expect(startedPause(pause, null)).toBeNull();
  });
});
