import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { AttemptStatus } from '../../kernel/notification.enums';
import { NotificationDelivery } from './notification-delivery.entity';

/** One try at sending a delivery: what the receiver answered, or why it did not. */
@Entity('notification_attempt')
@Index(['deliveryId'])
export class NotificationAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  deliveryId: string;

  @ManyToOne(() => NotificationDelivery, (delivery) => delivery.attempts, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id' })
  delivery?: Relation<NotificationDelivery>;

  /** 1 for the first try. */
  @Column({ type: 'integer' })
  attempt: number;

  @Column({ type: 'enum', enum: AttemptStatus, enumName: 'notification_attempt_status' })
  status: AttemptStatus;

  /** HTTP status of a webhook, SMTP reply code of an email; null when none came. */
  @Column({ type: 'integer', nullable: true })
  responseCode: number | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'integer' })
  durationMs: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
