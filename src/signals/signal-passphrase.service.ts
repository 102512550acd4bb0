import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { BotConfigRepository } from '../database/repositories/bot-config.repository';
import { BotSignalKeyRepository } from '../database/repositories/bot-signal-key.repository';
import { AuditEventRepository } from '../database/repositories/audit-event.repository';
import { Transactions } from '../database/repositories/transactions';
import { AuditAction, AuditTargetType } from '../kernel/audit.enums';
import type { AuthenticatedUser } from '../kernel/authenticated-user';
import { UserRole } from '../kernel/user-role';
import { StrategyRegistryService } from '../strategies/strategy-registry.service';
import { hashSignalPassphrase, newSignalPassphrase } from '../common/signal-passphrase';

/** Rotation of an external-signal bot's passphrase, by its owner or an admin. */
@Injectable()
export class SignalPassphraseService {
  constructor(
    private readonly transactions: Transactions,
    private readonly configs: BotConfigRepository,
    private readonly keys: BotSignalKeyRepository,
    private readonly auditTrail: AuditEventRepository,
    private readonly strategies: StrategyRegistryService,
  ) {}

  /** A new passphrase, returned this once; the old one fails from the commit on. */
  async rotate(user: AuthenticatedUser, botId: string): Promise<string> {
    const ownerId = user.role === UserRole.Admin ? undefined : user.id;
    const bot = await this.configs.findVisible(botId, ownerId);
    // Another user's bot is a 404, exactly like a missing one.
    if (!bot) throw new NotFoundException('bot not found');
    if (!this.strategies.get(bot.strategy)?.external) {
      throw new ConflictException(`the bot trades by ${bot.strategy}, not external-signal`);
    }
    const passphrase = newSignalPassphrase();
    await this.transactions.run(async (tx) => {
      await this.keys.issue(tx, bot.id, hashSignalPassphrase(passphrase));
      await this.auditTrail.record(tx, user, {
        action: AuditAction.BotSignalPassphraseRotated,
        target: { type: AuditTargetType.Bot, id: bot.id },
      });
    });
    return passphrase;
  }
}
