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
import { BotMode, ExitReason, OrderSide, OrderStatus } from '../../kernel/bot.enums';
import { BotConfig } from './bot-config.entity';

const optionalDecimal = {
  type: 'numeric',
  transformer: decimalTransformer,
  nullable: true,
} as const;

/**
 * The order intent (outbox): committed with status SENDING before the order is sent, so
 * a crash between the two leaves a row that the next tick reconciles by clientOrderId.
 */
@Entity('order')
@Index(['botId', 'status'])
export class Order {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  botId: string;

  @ManyToOne(() => BotConfig, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bot_id' })
  bot?: Relation<BotConfig>;

  /** Deterministic per intent, never per attempt: the exchange de-duplicates on it. */
  @Column({ type: 'varchar', length: 36, unique: true })
  clientOrderId: string;

  /** Fixed at intent time: the bot's symbol may change while an order is unresolved. */
  @Column({ type: 'varchar', length: 20 })
  symbol: string;

  @Column({ type: 'enum', enum: OrderSide, enumName: 'order_side' })
  side: OrderSide;

  /** The candle close the decision priced at; a paper fill is recomputed from it exactly. */
  @Column(optionalDecimal)
  refPrice: string | null;

  /** The candle slot (close time, ms) of the tick that created the intent. */
  @Column({ type: 'bigint' })
  slot: string;

  @Column({ type: 'enum', enum: ExitReason, enumName: 'exit_reason', nullable: true })
  reason: ExitReason | null;

  @Column({ type: 'enum', enum: BotMode, enumName: 'bot_mode' })
  mode: BotMode;

  @Column({ type: 'enum', enum: OrderStatus, enumName: 'order_status' })
  status: OrderStatus;

  @Column(optionalDecimal)
  requestedQty: string | null;

  @Column(optionalDecimal)
  requestedQuoteQty: string | null;

  /** Binance's numeric order id, or the paper exchange's made-up one. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  exchangeOrderId: string | null;

  @Column(optionalDecimal)
  executedQty: string | null;

  @Column(optionalDecimal)
  avgPrice: string | null;

  @Column(optionalDecimal)
  commission: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  commissionAsset: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /**
   * Until when one worker owns sending or looking up this order: null until its first send,
   * then until its next lookup is due. Taken only by a conditional UPDATE, so no two workers
   * ever send, look up or resend the same intent at once.
   */
  @Column({ type: 'timestamptz', nullable: true })
  claimedUntil: Date | null;

  /**
   * When the latest send whose outcome is unknown ended: its lookups are timed from it, and
   * "no such order" is believed only a grace period after it. Null until a send goes
   * unanswered (the intent's creation stands in for a send its worker never reported).
   */
  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  /** Lookups that found the order executed but could not read its trade list. */
  @Column({ type: 'integer', default: 0 })
  fillReadFailures: number;

  /** When the first of them failed: past a bound, the order is settled from its own totals. */
  @Column({ type: 'timestamptz', nullable: true })
  fillsUnreadSince: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;
}
