import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, DeepPartial } from 'typeorm';
import { BotStatus } from '../../kernel/bot.enums';
import { BotState } from '../entities/bot-state.entity';
import { EntityRows } from '../entity-rows';
import { managerOf, type Tx } from './transactions';

/** A bot's state row: the row every tick, start, stop and fill locks. */
@Injectable()
export class BotStateRepository {
  private readonly rows: EntityRows<BotState>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.rows = EntityRows.of(dataSource.manager, BotState);
  }

  /**
   * SELECT … FOR UPDATE NOWAIT on the bot's state row: the one guard that keeps two ticks of
   * a bot from running at once. It is the SQL of TypeORM's `{ mode: 'pessimistic_write',
   * onLocked: 'nowait' }` (0.x's "pessimistic write or fail"; in 1.x that old spelling takes
   * no lock at all, see docs/stack.md), sent as plain SQL: on the hot path TypeORM's query
   * building and hydration cost more than the statement (BENCHMARKS.md).
   */
  lockNowait(tx: Tx, botId: string): Promise<BotState | null> {
    return this.rows.lockByIdNowait(managerOf(this.dataSource, tx), botId);
  }

  /** The same lock, but waiting: for recording a fill, a start or a stop, which must not be skipped. */
  lock(tx: Tx, botId: string): Promise<BotState | null> {
    return managerOf(this.dataSource, tx).findOne(BotState, {
      where: { id: botId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  save(tx: Tx, state: BotState): Promise<BotState> {
    return managerOf(this.dataSource, tx).save(state);
  }

  /** The row as it is, locked or not: a tick's reads before its lock. */
  findById(botId: string, tx?: Tx): Promise<BotState | null> {
    return this.rows.findById(managerOf(this.dataSource, tx), botId);
  }

  /**
   * UPDATE of the patch's columns only; inside a transaction a prepared statement, as the
   * hot path writes the state on every tick.
   */
  async update(tx: Tx, botId: string, patch: BotStatePatch): Promise<void> {
    await this.rows.update(managerOf(this.dataSource, tx), botId, patch);
  }

  /** Outside any transaction: a retryable wait shown on a running bot. */
  async setLastError(botId: string, lastError: string): Promise<void> {
    await managerOf(this.dataSource).update(BotState, { id: botId }, { lastError });
  }

  /** Outside any transaction, so it waits for the tick that holds the row to end. */
  async countSkippedTick(botId: string): Promise<void> {
    await managerOf(this.dataSource).increment(BotState, { id: botId }, 'ticksSkipped', 1);
  }

  /** How many bots are in each status, per mode. */
  async countByStatusAndMode(): Promise<{ status: string; mode: string; count: number }[]> {
    const rows = await managerOf(this.dataSource)
      .getRepository(BotState)
      .createQueryBuilder('state')
      .innerJoin('state.bot', 'bot')
      .select('state.status', 'status')
      .addSelect('bot.mode', 'mode')
      .addSelect('COUNT(*)', 'count')
      .groupBy('state.status')
      .addGroupBy('bot.mode')
      .getRawMany<{ status: string; mode: string; count: string }>();
    return rows.map(({ status, mode, count }) => ({ status, mode, count: Number(count) }));
  }

  /** A new bot's state row, in the transaction that creates the bot. */
  insert(tx: Tx, fields: DeepPartial<BotState>): Promise<BotState> {
    const manager = managerOf(this.dataSource, tx);
    return manager.save(manager.create(BotState, fields));
  }

  async updateBalances(
    tx: Tx,
    botId: string,
    balances: Pick<BotState, 'quoteBalance' | 'baseBalance'>,
  ): Promise<void> {
    await managerOf(this.dataSource, tx).update(BotState, { id: botId }, balances);
  }

  /**
   * Zeroes the daily counters of every bot whose day is before `day` and resumes the bots a
   * daily limit paused, in one UPDATE: running it twice, or on several workers, changes nothing.
   * A bot a protection still pauses at the day's 00:00 stays paused (its next tick lifts it).
   */
  async resetDaily(day: string): Promise<DailyResetRow[]> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const result = await runner.query(
        `UPDATE bot_state AS state
         SET daily_date = $1::date, daily_trades = 0, daily_realized_pnl = 0,
             status = CASE WHEN old.resumes THEN $3::bot_status ELSE old.status END,
             status_reason = CASE WHEN old.resumes THEN NULL ELSE old.status_reason END,
             updated_at = now()
         FROM (SELECT id, status, status_reason,
                      status = $2 AND (protection IS NULL OR (protection->>'until')::bigint <= $4)
                        AS resumes
               FROM bot_state
               WHERE daily_date IS NULL OR daily_date < $1::date FOR UPDATE) AS old
         WHERE state.id = old.id
         RETURNING state.id, old.resumes AS was_paused`,
        [day, BotStatus.Paused, BotStatus.Running, Date.parse(`${day}T00:00:00Z`)],
        true,
      );
      const rows = result.records as { id: string; was_paused: boolean }[];
      return rows.map((row) => ({ id: row.id, wasPaused: row.was_paused }));
    } finally {
      await runner.release();
    }
  }
}

/** Column values only: an update takes no relation objects. */
export type BotStatePatch = Partial<Omit<BotState, 'bot'>>;

/** A bot the daily reset moved to the new day, and whether it resumed it (a daily limit's pause). */
export interface DailyResetRow {
  id: string;
  wasPaused: boolean;
}
