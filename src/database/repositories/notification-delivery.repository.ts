import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import { DeliveryStatus } from '../../kernel/notification.enums';
import { NotificationAttempt } from '../entities/notification-attempt.entity';
import { NotificationDelivery } from '../entities/notification-delivery.entity';
import { managerOf } from './transactions';

/** The row of a new delivery: one event for one channel. */
export type NewDeliveryRow = Pick<
  NotificationDelivery,
  'eventId' | 'channelId' | 'eventType' | 'test' | 'body'
>;

/** One try at sending a delivery, as recorded. */
export type AttemptRow = Pick<
  NotificationAttempt,
  'deliveryId' | 'attempt' | 'status' | 'responseCode' | 'error' | 'durationMs'
>;

/** A delivery's key: its job's data. */
export type DeliveryKey = Pick<NotificationDelivery, 'eventId' | 'channelId'>;

/** The delivery log: one row an event to a channel, with its attempts. */
@Injectable()
export class NotificationDeliveryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Unique on (event, channel): a row already there is left as it is. */
  async insertIfAbsent(rows: NewDeliveryRow[]): Promise<void> {
    await this.builder().insert().values(rows).orIgnore().execute();
  }

  getByKey({ eventId, channelId }: DeliveryKey): Promise<NotificationDelivery> {
    return managerOf(this.dataSource).findOneByOrFail(NotificationDelivery, {
      eventId,
      channelId,
    });
  }

  /** The delivery with its channel (absent when the channel is gone). */
  findWithChannel({ eventId, channelId }: DeliveryKey): Promise<NotificationDelivery | null> {
    return managerOf(this.dataSource).findOne(NotificationDelivery, {
      where: { eventId, channelId },
      relations: { channel: true },
    });
  }

  /** The keys of every delivery still pending. */
  findPendingKeys(): Promise<DeliveryKey[]> {
    return managerOf(this.dataSource).find(NotificationDelivery, {
      where: { status: DeliveryStatus.Pending },
      select: { eventId: true, channelId: true },
    });
  }

  /**
   * Counts one more attempt of a pending delivery: the attempt's number, or undefined when
   * the delivery is settled (or gone) meanwhile.
   */
  async claimAttempt(id: string): Promise<number | undefined> {
    const result = await this.builder()
      .update()
      .set({ attemptCount: () => 'attempt_count + 1' })
      .where('id = :id AND status = :pending', { id, pending: DeliveryStatus.Pending })
      .returning('attempt_count')
      .execute();
    return (result.raw as { attempt_count: number }[])[0]?.attempt_count;
  }

  async recordAttempt(attempt: AttemptRow): Promise<void> {
    await managerOf(this.dataSource).insert(NotificationAttempt, attempt);
  }

  async settle(id: string, status: DeliveryStatus): Promise<void> {
    await managerOf(this.dataSource).update(NotificationDelivery, { id }, { status });
  }

  /** A channel's deliveries, newest first, each with its attempts. */
  async findPageOfChannel(
    channelId: string,
    { limit, offset }: { limit: number; offset: number },
  ): Promise<NotificationDelivery[]> {
    const manager = managerOf(this.dataSource);
    // Ids first, then rows with attempts: TypeORM's take with a to-many join pages badly.
    const page = await manager.find(NotificationDelivery, {
      where: { channelId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
      skip: offset,
      select: { id: true },
    });
    if (page.length === 0) return [];
    const ids = page.map((delivery) => delivery.id);
    const loaded = await manager.find(NotificationDelivery, {
      where: { id: In(ids) },
      relations: { attempts: true },
    });
    const byId = new Map(loaded.map((delivery) => [delivery.id, delivery]));
    // A delivery deleted (with its channel) between the two queries is simply left out.
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  private builder() {
    return managerOf(this.dataSource).getRepository(NotificationDelivery).createQueryBuilder();
  }
}
