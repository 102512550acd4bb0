import {
  Column,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { decimalTransformer } from '../decimal.transformer';
import { BotStatus } from '../../kernel/bot.enums';
import type { EntryPause } from '../../risk/protections';
import { BotConfig } from './bot-config.entity';

const optionalDecimal = {
  type: 'numeric',
  transformer: decimalTransformer,
  nullable: true,
} as const;

/** What a tick reads and writes; its row lock (FOR UPDATE NOWAIT) serialises ticks of one bot. */
@Entity('bot_state')
export class BotState {
  /** The bot's id: one state row per bot. */
  @PrimaryColumn('uuid')
  id: string;

  @OneToOne(() => BotConfig, (bot) => bot.state, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'id' })
  bot?: Relation<BotConfig>;

  @Column({ type: 'enum', enum: BotStatus, enumName: 'bot_status', default: BotStatus.Stopped })
  status: BotStatus;

  /** Why the bot is in its status (paused by which limit, error reason, simulated market data). */
  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  /**
   * The order intent sent but not yet recorded, if any: the next tick must resolve it
   * before deciding anything else.
   */
  @Column({ type: 'uuid', nullable: true })
  pendingOrderId: string | null;

  /**
   * When a stop with closePosition came while the pending order was unresolved: once that
   * order settles, the bot stops and sells what it holds.
   */
  @Column({ type: 'timestamptz', nullable: true })
  stopRequestedAt: Date | null;

  @Column({ type: 'boolean', default: false })
  inPosition: boolean;

  /** Base quantity really held (after a base-asset commission). */
  @Column(optionalDecimal)
  positionQty: string | null;

  @Column(optionalDecimal)
  entryPrice: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  entryTime: Date | null;

  /** What the entry cost including its fee: the base of the round trip's PnL. */
  @Column(optionalDecimal)
  entryCostQuote: string | null;

  /** Highest price seen since entry, for the trailing stop. */
  @Column(optionalDecimal)
  trailingHigh: string | null;

  @Column(optionalDecimal)
  stopLossPrice: string | null;

  @Column(optionalDecimal)
  takeProfitPrice: string | null;

  /** UTC day the daily counters belong to. */
  @Column({ type: 'date', nullable: true })
  dailyDate: string | null;

  @Column({ type: 'integer', default: 0 })
  dailyTrades: number;

  @Column({ type: 'numeric', transformer: decimalTransformer, default: '0' })
  dailyRealizedPnl: string;

  /** The protection pausing entries, if any: why, and the candle boundary (ms) it ends at. */
  @Column({ type: 'jsonb', nullable: true })
  protection: EntryPause | null;

  /** Candle boundaries (ms) of the stop-loss exits the stopLossGuard still counts, oldest first. */
  @Column({ type: 'jsonb', nullable: true })
  stopLossTimes: number[] | null;

  /** The running peak of the bot's equity, for maxDrawdownPct (trading-rules.md). */
  @Column(optionalDecimal)
  equityPeak: string | null;

  /** Realized PnL of every sell since the bot's creation: live bots' equity starts from it. */
  @Column({ type: 'numeric', transformer: decimalTransformer, default: '0' })
  realizedPnlTotal: string;

  /** Paper bots only: the virtual balances. */
  @Column(optionalDecimal)
  quoteBalance: string | null;

  @Column(optionalDecimal)
  baseBalance: string | null;

  /** The last signal with the indicator values it was computed from. */
  @Column({ type: 'jsonb', nullable: true })
  lastSignal: Record<string, unknown> | null;

  /** Why the last tick did not trade, when it did not. */
  @Column({ type: 'text', nullable: true })
  lastDecision: string | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastTickAt: Date | null;

  /** Close time (ms) of the last candle slot a tick processed: a second tick for it is a no-op. */
  @Column({ type: 'bigint', nullable: true })
  lastSlot: string | null;

  @Column({ type: 'integer', default: 0 })
  ticksSkipped: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
