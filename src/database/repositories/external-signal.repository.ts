import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ExternalSignal, ExternalSignalStatus } from '../entities/external-signal.entity';
import { managerOf, type Tx } from './transactions';

export interface NewExternalSignal {
  botId: string;
  alertId: string;
  action: 'buy' | 'sell';
  receivedAt: Date;
}

/** Alerts posted for external-signal bots, pending until a tick of the bot acts on them. */
@Injectable()
export class ExternalSignalRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores a pending signal and returns its id; null when the bot already has one with this
   * alert id. The unique key decides, so two deliveries at once still store one.
   */
  async insertIfNew(signal: NewExternalSignal): Promise<string | null> {
    const result = await managerOf(this.dataSource)
      .createQueryBuilder()
      .insert()
      .into(ExternalSignal)
      .values({ ...signal, status: ExternalSignalStatus.Pending })
      .orIgnore()
      .returning(['id'])
      .execute();
    const rows = result.raw as { id: string }[];
    return rows[0]?.id ?? null;
  }

  /** The bot's oldest pending signal; read under the bot's state lock, so one tick takes it. */
  oldestPending(tx: Tx, botId: string): Promise<ExternalSignal | null> {
    return managerOf(this.dataSource, tx).findOne(ExternalSignal, {
      where: { botId, status: ExternalSignalStatus.Pending },
      order: { receivedAt: 'ASC', id: 'ASC' },
    });
  }

  /** What the tick made of it, committed with the tick's decision. */
  async settle(
    tx: Tx,
    id: string,
    status: ExternalSignalStatus.Used | ExternalSignalStatus.Expired,
    decision: string,
  ): Promise<void> {
    await managerOf(this.dataSource, tx).update(
      ExternalSignal,
      { id },
      { status, decision, handledAt: new Date() },
    );
  }
}
