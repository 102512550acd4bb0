import { jest } from '@jest/globals';
import type { BotConfig } from '../../database/entities/bot-config.entity';
import type { BotConfigRepository } from '../../database/repositories/bot-config.repository';
import type {
  BotStateRepository,
  DailyResetRow,
} from '../../database/repositories/bot-state.repository';
import { BotEventType } from '../../kernel/bot-event';
import { BotMode } from '../../kernel/bot.enums';
import { DailyResetService } from './daily-reset.service';
import { EngineEvents } from './engine-events.service';

function botNamed(id: string): BotConfig {
  return { id, userId: 'user-1', name: id, symbol: 'ETHUSDT', mode: BotMode.Paper } as BotConfig;
}

function resetWith(rows: DailyResetRow[]) {
  const states = { resetDaily: jest.fn((_day: string) => Promise.resolve(rows)) };
  const configs = {
    findByIds: jest.fn((ids: string[]) => Promise.resolve(ids.map(botNamed))),
  };
  const events = new EngineEvents();
  const published = jest.spyOn(events, 'publish');
  const service = new DailyResetService(
    configs as unknown as BotConfigRepository,
    states as unknown as BotStateRepository,
    events,
  );
  return { service, states, configs, published };
}

describe('DailyResetService', () => {
  it('returns and announces the bots a daily limit had paused, not the others it reset', async () => {
    const { service, states, configs, published } = resetWith([
      { id: 'bot-running', wasPaused: false },
      { id: 'bot-paused', wasPaused: true },
    ]);

    await expect(service.reset('2026-12-07')).resolves.toEqual(['bot-paused']);

    expect(states.resetDaily).toHaveBeenCalledWith('2026-12-07');
    expect(configs.findByIds).toHaveBeenCalledWith(['bot-paused']);
    expect(published).toHaveBeenCalledWith([
      expect.objectContaining({
        type: BotEventType.BotResumed,
        bot: expect.objectContaining({ id: 'bot-paused' }),
        data: { reason: 'daily reset' },
      }),
    ]);
  });

  it('looks up and announces nothing when no bot was paused', async () => {
    const { service, configs, published } = resetWith([{ id: 'bot-running', wasPaused: false }]);

    await expect(service.reset('2026-12-07')).resolves.toEqual([]);

    expect(configs.findByIds).not.toHaveBeenCalled();
    expect(published).not.toHaveBeenCalled();
  });
});
