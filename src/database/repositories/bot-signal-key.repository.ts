import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { BotStatus } from '../../kernel/bot.enums';
import type { Interval } from '../../kernel/interval';
import { BotSignalKey } from '../entities/bot-signal-key.entity';
import { managerOf, type Tx } from './transactions';

/** What POST /api/signals needs of a bot, read in one query. */
export interface SignalTarget {
  passphraseHash: string;
  strategy: string;
  interval: Interval;
  status: BotStatus;
}

/** External-signal bots' passphrase digests. */
@Injectable()
export class BotSignalKeyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Sets the bot's passphrase digest, replacing any earlier one (a rotation). */
  async issue(tx: Tx, botId: string, passphraseHash: string): Promise<void> {
    await managerOf(this.dataSource, tx).upsert(
      BotSignalKey,
      { botId, passphraseHash, issuedAt: new Date() },
      ['botId'],
    );
  }

  /** The bot's digest with its strategy and status; null for a bot without a passphrase. */
  async findTarget(botId: string): Promise<SignalTarget | null> {
    const key = await managerOf(this.dataSource).findOne(BotSignalKey, {
      where: { botId },
      relations: { bot: { state: true } },
    });
    if (!key?.bot?.state) return null;
    const { strategy, interval, state } = key.bot;
    return { passphraseHash: key.passphraseHash, strategy, interval, status: state.status };
  }
}
