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

/** A trade's columns, without its relation objects. */
export type NewTrade = Omit<Trade, 'bot' | 'order'>;
