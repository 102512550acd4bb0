import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { User } from './user.entity';

export enum OptimizationStatus {
  Queued = 'queued',
  Running = 'running',
  Done = 'done',
  Failed = 'failed',
  Cancelled = 'cancelled',
}

/** Statuses a run leaves only once: no sweep or late chunk touches these. */
export const FINISHED_STATUSES = [
  OptimizationStatus.Done,
  OptimizationStatus.Failed,
  OptimizationStatus.Cancelled,
];

/** A seed up to 2^32 - 1 needs bigint; pg hands bigint back as a string. */
const bigintNumber = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * A parameter search: its input stored once (any worker process can load it), its progress,
 * and, once finished, its ranked results. The coordinator's heartbeat tells a live run from
 * one whose process has gone.
 */
@Entity('optimization_run')
@Index(['userId', 'createdAt'])
@Index(['status', 'heartbeatAt'])
export class OptimizationRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 10 })
  status: OptimizationStatus;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'varchar', length: 100 })
  strategy: string;

  @Column({ type: 'varchar', length: 10 })
  method: string;

  @Column({ type: 'varchar', length: 20 })
  objective: string;

  @Column({ type: 'bigint', nullable: true, transformer: bigintNumber })
  seed: number | null;

  @Column({ type: 'integer' })
  candles: number;

  /** The optimization request with its backtest's candles taken out (they are below). */
  @Column({ type: 'jsonb' })
  request: Record<string, unknown>;

  /** The filters a backtest of the request uses when it names none. */
  @Column({ type: 'jsonb' })
  symbolFilters: Record<string, unknown>;

  /** The candles as gzip'd JSON rows, oldest first, exactly as the backtest would read them. */
  @Column({ type: 'bytea' })
  candleRows: Buffer;

  @Column({ type: 'integer', default: 0 })
  progressDone: number;

  @Column({ type: 'integer' })
  progressTotal: number;

  @Column({ type: 'jsonb', nullable: true })
  best: Record<string, unknown> | null;

  /** The top points, best first (walk-forward: the last fold's train search). */
  @Column({ type: 'jsonb', nullable: true })
  results: Record<string, unknown>[] | null;

  @Column({ type: 'jsonb', nullable: true })
  folds: Record<string, unknown>[] | null;

  @Column({ type: 'jsonb', nullable: true })
  walkForward: Record<string, unknown> | null;

  @Column({ type: 'timestamptz', nullable: true })
  heartbeatAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}

/**
 * One evaluated point of a run's stage ("search", "train:2", "test:2"), written by whichever
 * worker ran its chunk; the key makes a chunk run twice (a Bull retry) write once.
 */
@Entity('optimization_point')
export class OptimizationPoint {
  @PrimaryColumn({ type: 'uuid' })
  runId: string;

  @ManyToOne(() => OptimizationRun, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id' })
  run?: Relation<OptimizationRun>;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  stage: string;

  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Column({ type: 'jsonb' })
  params: Record<string, unknown>;

  @Column({ type: 'jsonb', nullable: true })
  metrics: Record<string, unknown> | null;

  @Column({ type: 'double precision', nullable: true })
  score: number | null;

  @Column({ type: 'text', nullable: true })
  rejected: string | null;

  /** A walk-forward test point's equity curve, which the stitched curve is made of. */
  @Column({ type: 'jsonb', nullable: true })
  equity: { time: number; value: string }[] | null;

  /** The process (host:pid) that ran it: shows the work spread across workers. */
  @Column({ type: 'varchar', length: 100 })
  worker: string;
}
