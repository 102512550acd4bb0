import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { User } from './user.entity';
import type { BotEventType } from '../../kernel/bot-event';
import { ChannelType } from '../../kernel/notification.enums';

/** Where a user's events go: one email address or one signed webhook. */
@Entity('notification_channel')
@Index(['userId'])
export class NotificationChannel {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'enum', enum: ChannelType, enumName: 'notification_channel_type' })
  type: ChannelType;

  /** Email channels only. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  emailTo: string | null;

  /** Webhook channels only. */
  @Column({ type: 'varchar', length: 2048, nullable: true })
  url: string | null;

  /** Webhook signing secret as AES-256-GCM ciphertext, bound to this row. */
  @Column({ type: 'text', nullable: true })
  secretEncrypted: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  secretHint: string | null;

  /** The event types this channel receives. */
  @Column({ type: 'text', array: true })
  events: BotEventType[];

  /** Only these bots' events; null for every bot of the user. */
  @Column({ type: 'uuid', array: true, nullable: true })
  botIds: string[] | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'text', nullable: true })
  disabledReason: string | null;

  /** Deliveries given up in a row; reset by any success. */
  @Column({ type: 'integer', default: 0 })
  consecutiveFailures: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
