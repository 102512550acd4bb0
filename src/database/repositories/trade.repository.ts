import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Trade } from '../entities/trade.entity';
import { managerOf, type Tx } from './transactions';

/** A bot's trades: one row a fill. */
@Injectable()
export class TradeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A fill's trade, in the transaction that records it; not read back. */
  async insert(tx: Tx, trade: NewTrade): Promise<void> {
    const manager = managerOf(this.dataSource, tx);
    await manager.save(Trade, manager.create(Trade, trade), { reload: false });
  }

  /** Summed by PostgreSQL in numeric: exact, whatever the number of trades. */
  async sumPnl(botId: string): Promise<string> {
    const { sum } = (await managerOf(this.dataSource)
      .getRepository(Trade)
      .createQueryBuilder('trade')
      .select('COALESCE(SUM(trade.pnl), 0)', 'sum')
      .where('trade.botId = :id', { id: botId })
      .getRawOne<{ sum: string }>())!;
    return sum;
  }

  /** Each bot's summed pnl in one grouped query; a bot without sells is absent. */
  async sumPnlByBot(botIds: readonly string[]): Promise<Map<string, string>> {
    if (botIds.length === 0) return new Map();
    const rows = await managerOf(this.dataSource)
      .getRepository(Trade)
      .createQueryBuilder('trade')
      .select('trade.botId', 'botId')
      .addSelect('SUM(trade.pnl)', 'sum')
      .where('trade.botId IN (:...ids)', { ids: botIds })
      .andWhere('trade.pnl IS NOT NULL')
      .groupBy('trade.botId')
      .getRawMany<{ botId: string; sum: string }>();
    return new Map(rows.map((row) => [row.botId, row.sum]));
  }

  /** The realized pnl of an owner's bots by UTC day, oldest first, summed in numeric. */
  dailyPnlOfOwner(ownerId: string): Promise<DailyPnl[]> {
    return managerOf(this.dataSource)
      .getRepository(Trade)
      .createQueryBuilder('trade')
      .innerJoin('trade.bot', 'bot')
      .select("to_char(trade.time AT TIME ZONE 'UTC', 'YYYY-MM-DD')", 'day')
      .addSelect('SUM(trade.pnl)', 'pnl')
      .where('bot.userId = :ownerId', { ownerId })
      .andWhere('trade.pnl IS NOT NULL')
      .groupBy('day')
      .orderBy('day', 'ASC')
      .getRawMany<DailyPnl>();
  }

  /** An owner's latest trades across their bots, newest first, each with its bot's name. */
  findLatestOfOwner(ownerId: string, limit: number): Promise<Trade[]> {
    return managerOf(this.dataSource)
      .getRepository(Trade)
      .createQueryBuilder('trade')
      .innerJoin('trade.bot', 'bot')
      .addSelect(['bot.id', 'bot.name'])
      .where('bot.userId = :ownerId', { ownerId })
      .orderBy('trade.time', 'DESC')
      .addOrderBy('trade.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  /** One page of the bot's trades, newest first, with their total. */
  findPage(botId: string, limit: number, offset: number): Promise<[Trade[], number]> {
    return managerOf(this.dataSource).findAndCount(Trade, {
      where: { botId },
      order: { time: 'DESC', id: 'DESC' },
      take: limit,
      skip: offset,
    });
  }
}

/** One UTC day's realized pnl (YYYY-MM-DD), a decimal string. */
export interface DailyPnl {
  day: string;
  pnl: string;
}

/** A trade's columns, without its relation objects. */
export type NewTrade = Omit<Trade, 'bot' | 'order'>;
