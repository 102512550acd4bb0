import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { DeliveryStatus } from '../../kernel/notification.enums';
import { NotificationAttempt } from './notification-attempt.entity';
import { NotificationChannel } from './notification-channel.entity';

/**
 * One event for one channel. Unique on (event, channel), so publishing an event twice
 * delivers it once.
 */
@Entity('notification_delivery')
@Unique(['eventId', 'channelId'])
@Index(['channelId', 'createdAt'])
export class NotificationDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @Column({ type: 'uuid' })
  channelId: string;

  @ManyToOne(() => NotificationChannel, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id' })
  channel?: Relation<NotificationChannel>;

  @Column({ type: 'varchar', length: 40 })
  eventType: string;

  /** Sent by POST /notification-channels/:id/test. */
  @Column({ type: 'boolean', default: false })
  test: boolean;

  /**
   * The exact JSON sent: text, not jsonb, so every attempt sends (and signs) the same
   * bytes in the same key order.
   */
  @Column({ type: 'text' })
  body: string;

  @Column({
    type: 'enum',
    enum: DeliveryStatus,
    enumName: 'notification_delivery_status',
    default: DeliveryStatus.Pending,
  })
  status: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attemptCount: number;

  @OneToMany(() => NotificationAttempt, (attempt) => attempt.delivery)
  attempts?: Relation<NotificationAttempt>[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
