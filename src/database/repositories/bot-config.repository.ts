import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type DeepPartial, In } from 'typeorm';
import { TICKING_STATUSES } from '../../kernel/bot.enums';
import type { Interval } from '../../kernel/interval';
import { BotConfig } from '../entities/bot-config.entity';
import { EntityRows } from '../entity-rows';
import { managerOf, type Tx } from './transactions';

/** One page of bots, newest first, with the total the page is cut from. */
export interface BotPage {
  offset: number;
  limit: number;
  /** Only this user's bots; every user's when absent. */
  ownerId?: string;
}

/** The symbols with ticking bots on an interval: one tick group each. */
export interface TickGroupKey {
  symbol: string;
  interval: Interval;
}

/** A bot's configuration: what it trades and how. */
@Injectable()
export class BotConfigRepository {
  private readonly rows: EntityRows<BotConfig>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.rows = EntityRows.of(dataSource.manager, BotConfig);
  }

  /** The engine's read of a bot, as plain SQL: on its hot path TypeORM's query building costs more. */
  findById(id: string): Promise<BotConfig | null> {
    return this.rows.findById(managerOf(this.dataSource), id);
  }

  /**
   * The bots of one symbol and interval whose status ticks, read in one query for their
   * group's tick (each one's status is checked again under its lock).
   */
  groupMembers(symbol: string, interval: string): Promise<BotConfig[]> {
    return this.rows.findWhere(
      managerOf(this.dataSource),
      '"symbol" = $1 AND "interval" = $2 AND id IN (SELECT id FROM bot_state WHERE status = ANY($3))',
      [symbol, interval, TICKING_STATUSES],
    );
  }

  /** The bot, with its state, when it exists and (given an owner) is that user's. */
  findWithState(id: string, ownerId?: string, tx?: Tx): Promise<BotConfig | null> {
    return managerOf(this.dataSource, tx).findOne(BotConfig, {
      where: visible(id, ownerId),
      relations: { state: true },
    });
  }

  /** The bot alone, when it exists and (given an owner) is that user's. */
  findVisible(id: string, ownerId?: string): Promise<BotConfig | null> {
    return managerOf(this.dataSource).findOne(BotConfig, { where: visible(id, ownerId) });
  }

  exists(id: string, ownerId: string | undefined, tx?: Tx): Promise<boolean> {
    return managerOf(this.dataSource, tx).existsBy(BotConfig, visible(id, ownerId));
  }

  findPageWithState(page: BotPage): Promise<[BotConfig[], number]> {
    return managerOf(this.dataSource).findAndCount(BotConfig, {
      where: page.ownerId === undefined ? {} : { userId: page.ownerId },
      relations: { state: true },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
  }

  findByIds(ids: string[]): Promise<BotConfig[]> {
    return managerOf(this.dataSource).findBy(BotConfig, { id: In(ids) });
  }

  /** The distinct symbol and interval pairs of the bots whose status ticks, on these intervals. */
  findTickGroups(intervals: readonly Interval[]): Promise<TickGroupKey[]> {
    return this.dataSource
      .getRepository(BotConfig)
      .createQueryBuilder('bot')
      .innerJoin('bot.state', 'state')
      .select('bot.symbol', 'symbol')
      .addSelect('bot.interval', 'interval')
      .distinct()
      .where({ interval: In(intervals) })
      .andWhere('state.status IN (:...statuses)', { statuses: TICKING_STATUSES })
      .getRawMany<TickGroupKey>();
  }

  insert(tx: Tx, fields: DeepPartial<BotConfig>): Promise<BotConfig> {
    const manager = managerOf(this.dataSource, tx);
    return manager.save(manager.create(BotConfig, fields));
  }

  save(tx: Tx, bot: BotConfig): Promise<BotConfig> {
    return managerOf(this.dataSource, tx).save(bot);
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await managerOf(this.dataSource, tx).delete(BotConfig, { id });
  }

  /** The bots, live or paper, that reference a credential, by id. */
  findUsingCredential(credentialId: string): Promise<Pick<BotConfig, 'id' | 'mode'>[]> {
    return managerOf(this.dataSource).find(BotConfig, {
      where: { credentialId },
      select: { id: true, mode: true },
      order: { id: 'ASC' },
    });
  }

  /** Those of `ids` that are bots of this user. */
  async ownedIds(userId: string, ids: string[]): Promise<string[]> {
    const owned = await managerOf(this.dataSource).find(BotConfig, {
      where: { id: In(ids), userId },
      select: { id: true },
    });
    return owned.map((bot) => bot.id);
  }
}

/** Another user's bot is not found, exactly like a missing one: no owner given sees every bot. */
function visible(id: string, ownerId: string | undefined): { id: string; userId?: string } {
  return ownerId === undefined ? { id } : { id, userId: ownerId };
}
