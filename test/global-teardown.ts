import Redis from 'ioredis';
import { Client } from 'pg';
import { TEST_ADMIN_DATABASE_URL, TEST_REDIS_URL } from './utils/test-env';

export default async function globalTeardown(): Promise<void> {
  const name = process.env.TRADEBOT_TEST_DATABASE_NAME;
  if (!name) return;
  const admin = new Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  await deleteQueueKeys(name);
}

/** The run's Bull keys (each spec's QUEUE_PREFIX starts with the database name). */
async function deleteQueueKeys(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}_*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
