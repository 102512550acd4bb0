import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import {
  type EntityManager,
  type EntityMetadata,
  type EntityTarget,
  type ObjectLiteral,
  QueryFailedError,
} from 'typeorm';
import type { Driver } from 'typeorm/driver/Driver';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Plain SQL for the engine's hottest statements, driven by the entity metadata so it
 * follows the entities: TypeORM's query building costs more CPU per tick than the
 * tick's decision itself (see BENCHMARKS.md).
 */
export class EntityRows<T extends ObjectLiteral> {
  private readonly columns: ColumnMetadata[];
  private readonly byProperty: Map<string, ColumnMetadata>;
  private readonly table: string;
  private readonly updatedAt?: string;
  private readonly driver: Driver;
  private readonly statementNames = new Map<string, string>();
  private readonly selectById: string;
  private readonly selectByIdForUpdateNowait: string;

  constructor(private readonly metadata: EntityMetadata) {
    // Relation objects are not columns; their foreign keys are declared as plain columns.
    const relations = new Set(metadata.relations.map((relation) => relation.propertyName));
    this.columns = metadata.columns.filter((column) => !relations.has(column.propertyName));
    this.byProperty = new Map(this.columns.map((column) => [column.propertyName, column]));
    this.table = `"${metadata.tableName}"`;
    this.driver = metadata.connection.driver;
    this.updatedAt = metadata.updateDateColumn?.databaseName;
    const primary = metadata.primaryColumns[0].databaseName;
    this.selectById = `SELECT * FROM ${this.table} WHERE "${primary}" = $1`;
    this.selectByIdForUpdateNowait = `${this.selectById} FOR UPDATE NOWAIT`;
  }

  static of<T extends ObjectLiteral>(
    manager: EntityManager,
    target: EntityTarget<T>,
  ): EntityRows<T> {
    return new EntityRows<T>(manager.connection.getMetadata(target));
  }

  async findById(manager: EntityManager, id: string): Promise<T | null> {
    const rows: Record<string, unknown>[] = await this.query(manager, this.selectById, [id]);
    return rows[0] ? this.hydrate(rows[0]) : null;
  }

  /**
   * The row, locked FOR UPDATE NOWAIT (TypeORM's `pessimistic_write` with `onLocked:
   * 'nowait'`, without its query building): a row locked by another transaction fails at
   * once with lock_not_available (55P03).
   */
  async lockByIdNowait(manager: EntityManager, id: string): Promise<T | null> {
    const rows: Record<string, unknown>[] = await this.query(
      manager,
      this.selectByIdForUpdateNowait,
      [id],
    );
    return rows[0] ? this.hydrate(rows[0]) : null;
  }

  /** The rows matching a WHERE condition (column names as in the table, $n parameters). */
  async findWhere(manager: EntityManager, condition: string, params: unknown[]): Promise<T[]> {
    const rows = await this.query(
      manager,
      `SELECT * FROM ${this.table} WHERE ${condition}`,
      params,
    );
    return rows.map((row) => this.hydrate(row));
  }

  /** UPDATE of the given properties only (and the update-date column), by primary key. */
  async update(manager: EntityManager, id: string, patch: Partial<T>): Promise<void> {
    const assignments: string[] = [];
    const params: unknown[] = [];
    for (const [property, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      const column = this.byProperty.get(property);
      if (!column) throw new Error(`${this.metadata.name} has no column ${property}`);
      params.push(toDatabase(column, value));
      assignments.push(`"${column.databaseName}" = $${params.length}`);
    }
    if (this.updatedAt) assignments.push(`"${this.updatedAt}" = now()`);
    if (assignments.length === 0) return;
    params.push(id);
    const primary = this.metadata.primaryColumns[0].databaseName;
    await this.query(
      manager,
      `UPDATE ${this.table} SET ${assignments.join(', ')} WHERE "${primary}" = $${params.length}`,
      params,
    );
  }

  /**
   * A statement on the manager's connection. Inside a transaction it is a named prepared
   * statement on the transaction's own connection, so PostgreSQL parses and plans it once
   * per connection rather than on every tick; TypeORM's logger still sees it, and a failure
   * is TypeORM's QueryFailedError as from `manager.query`.
   */
  private async query(
    manager: EntityManager,
    text: string,
    params: unknown[],
  ): Promise<Record<string, unknown>[]> {
    const runner = manager.queryRunner;
    if (!runner) return manager.query(text, params);
    const client = (await runner.connect()) as PoolClient;
    manager.connection.logger.logQuery(text, params, runner);
    try {
      return (await client.query({ name: this.statementName(text), text, values: params })).rows;
    } catch (error) {
      throw new QueryFailedError(text, params, error as Error);
    }
  }

  /** One name per statement text (the update's text varies with the columns it sets). */
  private statementName(text: string): string {
    let name = this.statementNames.get(text);
    if (!name) {
      name = `rows_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      this.statementNames.set(text, name);
    }
    return name;
  }

  /**
   * Column values as TypeORM hydrates them (its driver's own conversion: `date` columns as
   * YYYY-MM-DD text, not pg's Date; transformers applied), so an entity read here equals one
   * read through the ORM.
   */
  private hydrate(row: Record<string, unknown>): T {
    const entity = this.metadata.create() as T;
    for (const column of this.columns) {
      (entity as Record<string, unknown>)[column.propertyName] = this.driver.prepareHydratedValue(
        row[column.databaseName],
        column,
      );
    }
    return entity;
  }
}

function toDatabase(column: ColumnMetadata, value: unknown): unknown {
  const transformer = column.transformer;
  const stored = transformer && !Array.isArray(transformer) ? transformer.to(value) : value;
  // pg would send a JS array as a Postgres array: jsonb wants JSON text.
  return column.type === 'jsonb' && stored !== null ? JSON.stringify(stored) : stored;
}
