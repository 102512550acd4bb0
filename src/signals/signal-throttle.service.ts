import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { clientNetwork } from '../auth/login-throttle/client-network';
import { AppConfig } from '../config/app-config';
import { RetryLaterError } from '../kernel/errors/retry-later.error';
import {
  USER_RATE_LIMIT_STORE,
  type UserRateLimitStore,
} from '../user-rate-limit/user-rate-limit-store';

/** How soon to try again when the counts (Redis) cannot be reached. */
const COUNTS_UNAVAILABLE_RETRY_SECONDS = 5;

/**
 * POST /api/signals' limits a minute, in the per-user limiter's store (Redis when there is
 * one): every request per client network, and the requests that passed a bot's passphrase
 * per bot, so that strangers cannot use up a bot's allowance by guessing.
 */
@Injectable()
export class SignalThrottle {
  constructor(
    @Inject(USER_RATE_LIMIT_STORE) private readonly store: UserRateLimitStore,
    private readonly config: AppConfig,
  ) {}

  takeForAddress(address: string): Promise<void> {
    const network = clientNetwork(address);
    return this.take(`signal-ip:${network}`, this.config.signalsPerIpPerMinute, 'client network');
  }

  takeForBot(botId: string): Promise<void> {
    return this.take(`signal-bot:${botId}`, this.config.signalsPerBotPerMinute, 'bot');
  }

  private async take(key: string, limit: number, per: string): Promise<void> {
    // Unlimited while the counts are out of reach would let a flood through: a 503 instead.
    const waitMs = await this.store.take(key, limit).catch((): never => {
      throw new RetryLaterError(
        'signals are paused: the request counts cannot be reached; try again shortly',
        COUNTS_UNAVAILABLE_RETRY_SECONDS,
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    });
    if (waitMs <= 0) return;
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    throw new RetryLaterError(
      `at most ${limit} signals a minute per ${per}; retry in ${seconds} s`,
      seconds,
    );
  }
}
