import { jest } from '@jest/globals';
import { ConflictException, UnauthorizedException } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import type {
  BotSignalKeyRepository,
  SignalTarget,
} from '../database/repositories/bot-signal-key.repository';
import type { ExternalSignalRepository } from '../database/repositories/external-signal.repository';
import { BotStatus } from '../kernel/bot.enums';
import { RetryLaterError } from '../kernel/errors/retry-later.error';
import type { JobQueue } from '../queue/job-queue';
import { JobName } from '../queue/queue.constants';
import { ExternalSignalStrategy } from '../strategies/external-signal/external-signal.strategy';
import { StrategyRegistryService } from '../strategies/strategy-registry.service';
import { sayingStrategy } from '../strategies/testing/saying-strategy';
import { InMemoryUserRateLimitStore } from '../user-rate-limit/user-rate-limit-store';
import { hashSignalPassphrase } from '../common/signal-passphrase';
import { SignalThrottle } from './signal-throttle.service';
import { SIGNAL_REFUSED, SignalsService } from './signals.service';

const BOT = '6f1c2a9e-3b7d-4c11-9a55-0d2e8f4b7c31';
const PASSPHRASE = 'the-passphrase';

function serviceWith(target: Partial<SignalTarget> | null, limits = { ip: 100, bot: 100 }) {
  const findTarget = jest.fn<BotSignalKeyRepository['findTarget']>().mockResolvedValue(
    target && {
      passphraseHash: hashSignalPassphrase(PASSPHRASE),
      strategy: 'external-signal',
      interval: '1h',
      status: BotStatus.Running,
      ...target,
    },
  );
  const insertIfNew = jest
    .fn<ExternalSignalRepository['insertIfNew']>()
    .mockResolvedValue('signal-row-1');
  const add = jest.fn<JobQueue['add']>().mockResolvedValue();
  const throttle = new SignalThrottle(new InMemoryUserRateLimitStore(60_000), {
    signalsPerIpPerMinute: limits.ip,
    signalsPerBotPerMinute: limits.bot,
  } as AppConfig);
  const service = new SignalsService(
    { findTarget } as unknown as BotSignalKeyRepository,
    { insertIfNew } as unknown as ExternalSignalRepository,
    new StrategyRegistryService([
      new ExternalSignalStrategy(),
      sayingStrategy('none', 'x', 'ema-rsi'),
    ]),
    throttle,
    { add } as unknown as JobQueue,
  );
  return { service, insertIfNew, add };
}

const alert = (overrides: object = {}) => ({
  botId: BOT,
  passphrase: PASSPHRASE,
  action: 'buy' as const,
  id: 'alert-1',
  ...overrides,
});
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as Error,
  );

describe('SignalsService.receive', () => {
  it('stores a signal and queues a tick of the bot on its newest closed slot, with its own job id', async () => {
    const { service, insertIfNew, add } = serviceWith({});
    expect(await service.receive(alert(), '203.0.113.9')).toBe('accepted');
    expect(insertIfNew).toHaveBeenCalledWith(
      expect.objectContaining({ botId: BOT, alertId: 'alert-1', action: 'buy' }),
    );
    const [[job]] = add.mock.calls[0];
    expect(job.name).toBe(JobName.Tick);
    expect(job.data).toEqual({ botId: BOT, slot: expect.any(Number), viaSignal: true });
    expect((job.data as { slot: number }).slot % 3_600_000).toBe(0);
    expect(job.id).toMatch(new RegExp(`^tick:${BOT}:\\d+:signal:signal-row-1$`));
  });

  it('queues nothing for an alert id already stored', async () => {
    const { service, insertIfNew, add } = serviceWith({});
    insertIfNew.mockResolvedValue(null);
    expect(await service.receive(alert(), '203.0.113.9')).toBe('duplicate');
    expect(add).not.toHaveBeenCalled();
  });

  it('refuses a wrong passphrase and an unknown bot with the same 401', async () => {
    const wrong = await refusal(
      serviceWith({}).service.receive(alert({ passphrase: 'guess' }), '203.0.113.9'),
    );
    const unknown = await refusal(serviceWith(null).service.receive(alert(), '203.0.113.9'));
    for (const error of [wrong, unknown]) {
      expect(error).toBeInstanceOf(UnauthorizedException);
      expect(error!.message).toBe(SIGNAL_REFUSED);
    }
  });

  it('refuses a stopped bot and a bot of another strategy with 409, storing nothing', async () => {
    for (const target of [{ status: BotStatus.Stopped }, { strategy: 'ema-rsi' }]) {
      const { service, insertIfNew } = serviceWith(target);
      expect(await refusal(service.receive(alert(), '203.0.113.9'))).toBeInstanceOf(
        ConflictException,
      );
      expect(insertIfNew).not.toHaveBeenCalled();
    }
  });

  it('counts every request per client network, and per bot only those with its passphrase', async () => {
    const { service } = serviceWith({}, { ip: 2, bot: 1 });
    await service.receive(alert({ passphrase: 'guess' }), '203.0.113.9').catch(() => undefined);
    await service.receive(alert({ id: 'a' }), '203.0.113.9');
    const perBot = await refusal(service.receive(alert({ id: 'b' }), '2001:db8::1'));
    expect(perBot).toBeInstanceOf(RetryLaterError);
    expect(perBot!.message).toMatch(/^at most 1 signals a minute per bot; retry in \d+ s$/);
    const perAddress = await refusal(service.receive(alert({ id: 'c' }), '203.0.113.9'));
    expect(perAddress!.message).toMatch(/per client network/);
  });
});
