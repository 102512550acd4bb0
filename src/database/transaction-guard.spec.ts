import { randomUUID } from 'node:crypto';
import { DataSource, EntitySchema } from 'typeorm';
import { assertOutsideTransaction, TransactionDisciplineError } from '../common/network-boundary';
import { installTransactionGuard } from './transaction-guard';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Its own table, so runs sharing the database never see each other's rows. */
const TABLE = `transaction_guard_${randomUUID().replaceAll('-', '')}`;
const Probe = new EntitySchema<{ id: number }>({
  name: 'Probe',
  tableName: TABLE,
  columns: { id: { type: 'int', primary: true } },
});
const WENT_AROUND =
  "a query went around the transaction's manager: use the manager passed to the transaction callback";

describe('installTransactionGuard', () => {
  let dataSource: DataSource;
  const count = async () =>
    ((await dataSource.query(`SELECT count(*)::int AS n FROM ${TABLE}`)) as { n: number }[])[0].n;

  beforeAll(async () => {
    dataSource = await new DataSource({
      type: 'postgres',
      url: DATABASE_URL,
      entities: [Probe],
    }).initialize();
    await dataSource.query(`CREATE TABLE ${TABLE} (id int PRIMARY KEY)`);
    installTransactionGuard(dataSource);
  });

  afterAll(async () => {
    await dataSource.query(`DROP TABLE IF EXISTS ${TABLE}`);
    await dataSource.destroy();
  });

  beforeEach(() => dataSource.query(`DELETE FROM ${TABLE}`));

  it('runs every query through the transaction manager in the one transaction, and commits', async () => {
    const seen = await dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO ${TABLE} VALUES (1)`);
      await manager.insert(Probe, { id: 2 });
      const rows = await manager.find(Probe, { order: { id: 'ASC' } });
      // A savepoint reuses the transaction's runner: allowed.
      await manager.transaction((inner) => inner.getRepository(Probe).insert({ id: 3 }));
      return rows.map((row) => row.id);
    });
    expect(seen).toEqual([1, 2]);
    expect(await count()).toBe(3);
  });

  it.each([
    ['dataSource.query()', (ds: DataSource) => ds.query('SELECT 1')],
    ['dataSource.getRepository(X).find()', (ds: DataSource) => ds.getRepository(Probe).find()],
    ['dataSource.manager.find()', (ds: DataSource) => ds.manager.find(Probe)],
    [
      'a nested dataSource.transaction()',
      (ds: DataSource) => ds.transaction((manager) => manager.query('SELECT 1')),
    ],
  ])('refuses %s inside a transaction callback, and allows it outside', async (_, around) => {
    await expect(around(dataSource)).resolves.toBeDefined();
    let refused: unknown;
    const attempt = dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO ${TABLE} VALUES (1)`);
      refused = await around(dataSource).then(
        () => 'it ran',
        (error: unknown) => error,
      );
    });
    await expect(attempt).rejects.toThrow(WENT_AROUND);
    // Refused at the call itself, not only when the transaction ends.
    expect(refused).toBeInstanceOf(TransactionDisciplineError);
    expect((refused as Error).message).toBe(WENT_AROUND);
    expect(await count()).toBe(0);
  });

  it('refuses it inside a savepoint of the transaction too', async () => {
    const attempt = dataSource.transaction((manager) =>
      manager.transaction(() => dataSource.query('SELECT 1')),
    );
    await expect(attempt).rejects.toThrow(WENT_AROUND);
  });

  it('guards the overload with an isolation level, which still applies', async () => {
    const isolation = await dataSource.transaction('SERIALIZABLE', async (manager) => {
      const rows = (await manager.query('SHOW transaction_isolation')) as {
        transaction_isolation: string;
      }[];
      return rows[0].transaction_isolation;
    });
    expect(isolation).toBe('serializable');
    await expect(
      dataSource.transaction('SERIALIZABLE', () => dataSource.query('SELECT 1')),
    ).rejects.toThrow(WENT_AROUND);
  });

  it('fails and rolls back the transaction even when the callback swallows the violation', async () => {
    const attempt = dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO ${TABLE} VALUES (1)`);
      await dataSource.query('SELECT 1').catch(() => undefined);
      return 'looks fine';
    });
    await expect(attempt).rejects.toThrow(WENT_AROUND);
    expect(await count()).toBe(0);
  });
});

describe('assertOutsideTransaction', () => {
  let dataSource: DataSource;
  const NETWORK =
    'a webhook POST while a transaction is open: no network call may run under a row lock';

  beforeAll(async () => {
    dataSource = await new DataSource({ type: 'postgres', url: DATABASE_URL }).initialize();
    installTransactionGuard(dataSource);
  });

  afterAll(() => dataSource.destroy());

  it('passes outside a transaction', () => {
    expect(() => assertOutsideTransaction('a webhook POST')).not.toThrow();
  });

  it('throws inside a transaction callback, however deep in its async calls', async () => {
    const deep = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      assertOutsideTransaction('a webhook POST');
    };
    let thrown: unknown;
    const attempt = dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1');
      thrown = await deep().catch((error: unknown) => error);
    });
    await expect(attempt).rejects.toThrow(NETWORK);
    expect(thrown).toBeInstanceOf(TransactionDisciplineError);
    expect((thrown as Error).message).toBe(NETWORK);
  });

  it('passes in work the callback started that runs after the transaction ended', async () => {
    let release!: () => void;
    const committed = new Promise<void>((resolve) => (release = resolve));
    let later!: Promise<void>;
    await dataSource.transaction(async (manager) => {
      later = committed.then(() => assertOutsideTransaction('a webhook POST'));
      await manager.query('SELECT 1');
    });
    release();
    await expect(later).resolves.toBeUndefined();
  });
});
