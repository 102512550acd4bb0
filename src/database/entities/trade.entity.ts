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
import { decimalTransformer } from '../decimal.transformer';
import { BotMode, ExitReason, OrderSide } from '../../kernel/bot.enums';
import { BotConfig } from './bot-config.entity';
import { Order } from './order.entity';

const decimal = { type: 'numeric', transformer: decimalTransformer } as const;

/** One fill, recorded in phase 3 of a tick from the exchange's (or the paper) fill. */
@Entity('trade')
@Index(['botId', 'time'])
export class Trade {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  botId: string;

  @ManyToOne(() => BotConfig, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bot_id' })
  bot?: Relation<BotConfig>;

  /** One trade per order: recording the same fill twice is a unique violation, not a double. */
  @Column({ type: 'uuid', nullable: true, unique: true })
  orderId: string | null;

  @ManyToOne(() => Order, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'order_id' })
  order?: Relation<Order> | null;

  @Column({ type: 'varchar', length: 20 })
  symbol: string;

  @Column({ type: 'enum', enum: OrderSide, enumName: 'order_side' })
  side: OrderSide;

  @Column({ type: 'enum', enum: ExitReason, enumName: 'exit_reason', nullable: true })
  reason: ExitReason | null;

  @Column({ type: 'enum', enum: BotMode, enumName: 'bot_mode' })
  mode: BotMode;

  @Column(decimal)
  price: string;

  @Column(decimal)
  qty: string;

  @Column(decimal)
  quoteQty: string;

  @Column(decimal)
  fee: string;

  @Column({ type: 'varchar', length: 16 })
  feeAsset: string;

  /** The order's trade list could not be read: the fee is estimated from commission rates. */
  @Column({ type: 'boolean', default: false })
  feeEstimated: boolean;

  /** Realized PnL of the round trip, on sells only. */
  @Column({ type: 'numeric', transformer: decimalTransformer, nullable: true })
  pnl: string | null;

  @Column({ type: 'timestamptz' })
  time: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
