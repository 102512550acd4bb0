import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { decimalTransformer } from '../decimal.transformer';
import { ApiCredential } from './api-credential.entity';
import { User } from './user.entity';
import { BotMode } from '../../kernel/bot.enums';
import { BotState } from './bot-state.entity';
import { type Interval } from '../../kernel/interval';
import type { StopLossGuard } from '../../risk/risk-params';

const decimal = { type: 'numeric', transformer: decimalTransformer } as const;
const optionalDecimal = { ...decimal, nullable: true } as const;

@Entity('bot_config')
@Index(['userId'])
export class BotConfig {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  symbol: string;

  @Column({ type: 'varchar', length: 3 })
  interval: Interval;

  @Column({ type: 'enum', enum: BotMode, enumName: 'bot_mode' })
  mode: BotMode;

  /** RESTRICT: a credential in use cannot vanish from under a bot. */
  @Column({ type: 'uuid', nullable: true })
  credentialId: string | null;

  @ManyToOne(() => ApiCredential, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'credential_id' })
  credential?: Relation<ApiCredential> | null;

  @Column({ type: 'varchar', length: 50 })
  strategy: string;

  /** Complete (defaults filled in) and validated by the strategy itself. */
  @Column({ type: 'jsonb' })
  strategyParams: Record<string, number | boolean | string>;

  @Column(decimal)
  positionSizeQuote: string;

  @Column(optionalDecimal)
  stopLossPct: string | null;

  @Column(optionalDecimal)
  takeProfitPct: string | null;

  @Column(optionalDecimal)
  trailingStopPct: string | null;

  @Column({ type: 'integer', nullable: true })
  maxDailyTrades: number | null;

  @Column(optionalDecimal)
  dailyLossLimitQuote: string | null;

  @Column(optionalDecimal)
  dailyProfitTargetQuote: string | null;

  /** Protections (trading-rules.md); null is off. */
  @Column({ type: 'integer', nullable: true })
  cooldownCandles: number | null;

  @Column({ type: 'jsonb', nullable: true })
  stopLossGuard: StopLossGuard | null;

  @Column(optionalDecimal)
  maxDrawdownPct: string | null;

  @Column({ type: 'integer', nullable: true })
  resumeAfterCandles: number | null;

  @Column(decimal)
  paperInitialBalanceQuote: string;

  @Column(decimal)
  paperFeeRate: string;

  @Column(decimal)
  paperSlippageBps: string;

  @OneToOne(() => BotState, (state) => state.bot)
  state?: Relation<BotState>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
