import { ConflictException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { BotSignalKeyRepository } from '../database/repositories/bot-signal-key.repository';
import { ExternalSignalRepository } from '../database/repositories/external-signal.repository';
import { TICKING_STATUSES } from '../kernel/bot.enums';
import { lastClosedSlot } from '../kernel/candle';
import { JobQueue } from '../queue/job-queue';
import { JobName, jobId, type TickJobData } from '../queue/queue.constants';
import { StrategyRegistryService } from '../strategies/strategy-registry.service';
import type { PostSignalDto } from './dto/post-signal.dto';
import { signalPassphraseMatches } from '../common/signal-passphrase';
import { SignalThrottle } from './signal-throttle.service';

const TICKING = new Set(TICKING_STATUSES);
/** One answer for an unknown bot and a wrong passphrase: neither may tell bot ids apart. */
export const SIGNAL_REFUSED = 'unknown bot or wrong passphrase';

export type SignalReceipt = 'accepted' | 'duplicate';

/** Alerts from TradingView or any sender: checked, stored once, and a tick of the bot queued. */
@Injectable()
export class SignalsService {
  private readonly logger = new Logger(SignalsService.name);

  constructor(
    private readonly keys: BotSignalKeyRepository,
    private readonly signals: ExternalSignalRepository,
    private readonly strategies: StrategyRegistryService,
    private readonly throttle: SignalThrottle,
    private readonly queue: JobQueue,
  ) {}

  async receive(signal: PostSignalDto, address: string): Promise<SignalReceipt> {
    await this.throttle.takeForAddress(address);
    const target = await this.keys.findTarget(signal.botId);
    if (!signalPassphraseMatches(signal.passphrase, target?.passphraseHash ?? null) || !target) {
      throw new UnauthorizedException(SIGNAL_REFUSED);
    }
    await this.throttle.takeForBot(signal.botId);
    if (!this.strategies.get(target.strategy)?.external) {
      throw new ConflictException(`the bot trades by ${target.strategy}, not external-signal`);
    }
    if (!TICKING.has(target.status)) {
      throw new ConflictException(`the bot is ${target.status}: start it to trade on signals`);
    }
    const receivedAt = new Date();
    const signalId = await this.signals.insertIfNew({
      botId: signal.botId,
      alertId: signal.id,
      action: signal.action,
      receivedAt,
    });
    if (!signalId) return 'duplicate';
    const data: TickJobData = {
      botId: signal.botId,
      slot: lastClosedSlot(target.interval, receivedAt.getTime()),
      viaSignal: true,
    };
    // Its own job id: the candle tick of this slot may be queued or done already.
    await this.queue.add([
      { name: JobName.Tick, data, id: `${jobId.tick(data)}:signal:${signalId}` },
    ]);
    this.logger.log(`${signal.action} signal ${signal.id} for bot ${signal.botId}: tick queued`);
    return 'accepted';
  }
}
