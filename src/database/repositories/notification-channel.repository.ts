import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In, Not } from 'typeorm';
import { NotificationChannel } from '../entities/notification-channel.entity';
import { managerOf, type Tx } from './transactions';

/** The row of a new channel: its secret's ciphertext is bound to its id, so the caller chooses it. */
export type NewChannelRow = Pick<
  NotificationChannel,
  | 'id'
  | 'userId'
  | 'type'
  | 'emailTo'
  | 'url'
  | 'secretEncrypted'
  | 'secretHint'
  | 'events'
  | 'botIds'
>;

/** What an edit of a channel may set. */
export type ChannelRowChanges = Partial<
  Pick<
    NotificationChannel,
    | 'emailTo'
    | 'url'
    | 'secretEncrypted'
    | 'secretHint'
    | 'events'
    | 'botIds'
    | 'enabled'
    | 'disabledReason'
    | 'consecutiveFailures'
  >
>;

/** Users' notification channels (email, webhook). */
@Injectable()
export class NotificationChannelRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(tx: Tx, row: NewChannelRow): Promise<void> {
    await managerOf(this.dataSource, tx).insert(NotificationChannel, row);
  }

  getById(id: string): Promise<NotificationChannel> {
    return managerOf(this.dataSource).findOneByOrFail(NotificationChannel, { id });
  }

  findOwned(id: string, userId: string): Promise<NotificationChannel | null> {
    return managerOf(this.dataSource).findOneBy(NotificationChannel, { id, userId });
  }

  /** Oldest first. */
  listOwned(userId: string): Promise<NotificationChannel[]> {
    return managerOf(this.dataSource).find(NotificationChannel, {
      where: { userId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The enabled channels of these users, in one query. */
  findEnabledOf(userIds: string[]): Promise<NotificationChannel[]> {
    return managerOf(this.dataSource).find(NotificationChannel, {
      where: { userId: In(userIds), enabled: true },
    });
  }

  /** The user's enabled channels but one. */
  findEnabledOthers(userId: string, exceptId: string): Promise<NotificationChannel[]> {
    return managerOf(this.dataSource).findBy(NotificationChannel, {
      userId,
      enabled: true,
      id: Not(exceptId),
    });
  }

  async update(tx: Tx, id: string, changes: ChannelRowChanges): Promise<void> {
    await managerOf(this.dataSource, tx).update(NotificationChannel, { id }, changes);
  }

  async deleteOwned(tx: Tx, id: string, userId: string): Promise<void> {
    await managerOf(this.dataSource, tx).delete(NotificationChannel, { id, userId });
  }

  /** Written only when there is something to reset, as nearly every delivery succeeds. */
  async resetFailures(id: string): Promise<void> {
    await this.builder()
      .update()
      .set({ consecutiveFailures: 0 })
      .where('id = :id AND consecutive_failures <> 0', { id })
      .execute();
  }

  /** Counts one more failure in a row; the count, or undefined when the channel is gone. */
  async countFailure(id: string): Promise<number | undefined> {
    const counted = await this.builder()
      .update()
      .set({ consecutiveFailures: () => 'consecutive_failures + 1' })
      .where('id = :id', { id })
      .returning('consecutive_failures')
      .execute();
    return (counted.raw as { consecutive_failures: number }[])[0]?.consecutive_failures;
  }

  /** Switches the channel off; true only for the one call that flipped `enabled`. */
  async disable(id: string, reason: string): Promise<boolean> {
    const switchedOff = await this.builder()
      .update()
      .set({ enabled: false, disabledReason: reason })
      .where('id = :id AND enabled', { id })
      .returning('id')
      .execute();
    return (switchedOff.raw as unknown[]).length > 0;
  }

  private builder() {
    return managerOf(this.dataSource).getRepository(NotificationChannel).createQueryBuilder();
  }
}
