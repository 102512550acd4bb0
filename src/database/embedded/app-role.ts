import { Client } from 'pg';

/** The role the app connects as: it owns the app's database, and is no superuser. */
export const APP_ROLE = 'tradebot_app';

/**
 * Run as the superuser at every start: the app's role, with the password of its file, owns
 * the database and everything in it. Migrations then run as that owner, so what they create
 * is the role's own with no grants to keep in step. A data folder of an earlier version,
 * where all of it was the superuser's, is handed over on its first start: the number of
 * tables and types handed over is returned.
 */
export async function provisionAppRole(
  superuserUrl: (database: string) => string,
  database: string,
  password: string,
): Promise<number> {
  await withClient(superuserUrl('postgres'), async (client) => {
    // The password below must not reach the server's log, not even in a failed statement.
    await client.query(`SET log_statement = 'none'; SET log_min_error_statement = 'panic'`);
    const role = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
    if (role.rowCount === 0) await client.query(`CREATE ROLE ${APP_ROLE}`);
    await client.query(
      `ALTER ROLE ${APP_ROLE} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION ` +
        `NOBYPASSRLS PASSWORD ${client.escapeLiteral(password)}`,
    );
    const found = await client.query<{ owner: string }>(
      'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1',
      [database],
    );
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${database} OWNER ${APP_ROLE}`);
    else if (found.rows[0]!.owner !== APP_ROLE) {
      await client.query(`ALTER DATABASE ${database} OWNER TO ${APP_ROLE}`);
    }
  });
  return withClient(superuserUrl(database), handOver);
}

/**
 * An earlier version's schema holds tables and enum types only (a table's indexes and serial
 * sequences follow it): whichever of them another role owns becomes the app role's.
 */
async function handOver(client: Client): Promise<number> {
  const { rows } = await client.query<{ statement: string }>(
    `SELECT format('ALTER TABLE %s OWNER TO ${APP_ROLE}', oid::regclass) AS statement
       FROM pg_class
      WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')
        AND relowner <> '${APP_ROLE}'::regrole
     UNION ALL
     SELECT format('ALTER TYPE %s OWNER TO ${APP_ROLE}', oid::regtype)
       FROM pg_type
      WHERE typnamespace = 'public'::regnamespace AND typtype = 'e'
        AND typowner <> '${APP_ROLE}'::regrole`,
  );
  if (rows.length === 0) return 0;
  await client.query('BEGIN');
  for (const { statement } of rows) await client.query(statement);
  await client.query('COMMIT');
  return rows.length;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
