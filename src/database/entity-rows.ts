import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
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
  private readonly selectById: string;

  constructor(private readonly metadata: EntityMetadata) {
    // Relation objects are not columns; their foreign keys are declared as plain columns.
    const relations = new Set(metadata.relations.map((relation) => relation.propertyName));
    this.columns = metadata.columns.filter((column) => !relations.has(column.propertyName));
    this.byProperty = new Map(this.columns.map((column) => [column.propertyName, column]));
    this.table = `"${metadata.tableName}"`;
    this.updatedAt = metadata.updateDateColumn?.databaseName;
    const primary = metadata.primaryColumns[0].databaseName;
    this.selectById = `SELECT * FROM ${this.table} WHERE "${primary}" = $1`;
  }

  static of<T extends ObjectLiteral>(
    manager: EntityManager,
    target: EntityTarget<T>,
  ): EntityRows<T> {
    return new EntityRows<T>(manager.connection.getMetadata(target));
  }

  async findById(manager: EntityManager, id: string): Promise<T | null> {
    const rows: Record<string, unknown>[] = await manager.query(this.selectById, [id]);
    return rows[0] ? this.hydrate(rows[0]) : null;
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
    await manager.query(
      `UPDATE ${this.table} SET ${assignments.join(', ')} WHERE "${primary}" = $${params.length}`,
      params,
    );
  }

  private hydrate(row: Record<string, unknown>): T {
    const entity = this.metadata.create() as T;
    for (const column of this.columns) {
      const raw = row[column.databaseName];
      const transformer = column.transformer;
      const value =
        transformer && !Array.isArray(transformer) && raw !== null ? transformer.from(raw) : raw;
      (entity as Record<string, unknown>)[column.propertyName] = value;
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
