import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { BotConfig } from './bot-config.entity';

export enum ExternalSignalStatus {
  /** Received, waiting for the bot's next tick. */
  Pending = 'pending',
  /** A tick acted on it by the usual rules (an order, or a hold that says why). */
  Used = 'used',
  /** Its tick ran past the bot's signalTtlSeconds: dropped. */
  Expired = 'expired',
}

/**
 * An alert posted to POST /api/signals. The sender's alert id is unique per bot, so an alert
 * sent twice is stored (and traded) once.
 */
@Entity('external_signal')
@Index(['botId', 'alertId'], { unique: true })
@Index(['botId', 'status', 'receivedAt'])
export class ExternalSignal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  botId: string;

  @ManyToOne(() => BotConfig, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bot_id' })
  bot?: Relation<BotConfig>;

  @Column({ type: 'varchar', length: 128 })
  alertId: string;

  @Column({ type: 'varchar', length: 4 })
  action: 'buy' | 'sell';

  @Column({ type: 'timestamptz' })
  receivedAt: Date;

  @Column({ type: 'varchar', length: 10 })
  status: ExternalSignalStatus;

  /** The tick's decision on it, as the bot's state showed it. */
  @Column({ type: 'text', nullable: true })
  decision: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  handledAt: Date | null;
}
