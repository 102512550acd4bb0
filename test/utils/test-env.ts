/**
 * Where the e2e tests find this machine's services. The global setup creates a throwaway
 * database on the admin URL and publishes its URL in TRADEBOT_TEST_DATABASE_URL.
 */
export const TEST_ADMIN_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_ADMIN_EMAIL = 'admin@tradebot.test';
export const TEST_ADMIN_PASSWORD = 'admin-password-for-tests';

export function throwawayDatabaseUrl(): string {
  const url = process.env.TRADEBOT_TEST_DATABASE_URL;
  if (!url) throw new Error('TRADEBOT_TEST_DATABASE_URL is unset: run e2e tests through jest');
  return url;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Queue keys of this run only: jobs of another run (or a crashed one) are never picked up. */
export function testQueuePrefix(): string {
  return process.env.TRADEBOT_TEST_DATABASE_NAME ?? 'tradebot_e2e';
}
