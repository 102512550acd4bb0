import { DataSource } from 'typeorm';
import { BotState } from './entities/bot-state.entity';
import { EntityRows } from './entity-rows';
import { ENTITIES } from './entities/entity-list';
import { SnakeNamingStrategy } from './snake-naming.strategy';

describe('EntityRows', () => {
  // Metadata only: the data source is built but never connected.
  class MetadataOnly extends DataSource {
    build() {
      return this.buildMetadatas();
    }
  }
  const dataSource = new MetadataOnly({
    type: 'postgres',
    entities: ENTITIES,
    namingStrategy: new SnakeNamingStrategy(),
  });
  const queries: [string, unknown[]][] = [];
  const manager = {
    connection: dataSource,
    query: async (sql: string, params: unknown[]) => {
      queries.push([sql, params]);
      return [];
    },
  } as unknown as DataSource['manager'];

  beforeAll(async () => {
    await dataSource.build();
  });

  it('updates only the given columns, by their database names, jsonb as JSON text', async () => {
    queries.length = 0;
    await EntityRows.of(manager, BotState).update(manager, 'bot-1', {
      lastSlot: '1000',
      lastSignal: { action: 'none', indicators: [1, 2] },
      pendingOrderId: null,
      lastError: undefined,
    });
    expect(queries).toEqual([
      [
        'UPDATE "bot_state" SET "last_slot" = $1, "last_signal" = $2, "pending_order_id" = $3, "updated_at" = now() WHERE "id" = $4',
        ['1000', '{"action":"none","indicators":[1,2]}', null, 'bot-1'],
      ],
    ]);
  });

  it('refuses a property that is not a column', async () => {
    await expect(
      EntityRows.of(manager, BotState).update(manager, 'bot-1', {
        bot: undefined,
        nope: 1,
      } as never),
    ).rejects.toThrow('BotState has no column nope');
  });
});
