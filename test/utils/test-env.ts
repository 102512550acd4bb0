import { randomBytes } from 'node:crypto';

/**
 * Where the e2e tests find their services. The suite runs on two targets (jest.config.mjs
 * gives each project its own): `scale-out`, this machine's PostgreSQL, Redis and Bull, on
 * a throwaway database the global setup creates (TRADEBOT_TEST_DATABASE_URL); `embedded`,
 * what `npm start` runs with no environment: a PostgreSQL started by the app's own code
 * (TRADEBOT_TEST_EMBEDDED_DATABASE_URL) and in-process jobs, no Redis.
 */
export type TestTarget = 'scale-out' | 'embedded';

declare global {
  var TRADEBOT_TEST_TARGET: TestTarget | undefined;
}

export const TEST_ADMIN_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_ADMIN_EMAIL = 'admin@tradebot.test';
export const TEST_ADMIN_PASSWORD = 'admin-password-for-tests';

export function testTarget(): TestTarget {
  return globalThis.TRADEBOT_TEST_TARGET ?? 'scale-out';
}

/** `it` on the given target, `it.skip` on the other: for tests of one target's machinery. */
export function itOn(target: TestTarget): jest.It {
  return testTarget() === target ? it : it.skip;
}

export function throwawayDatabaseUrl(): string {
  return fromSetup(
    testTarget() === 'embedded'
      ? 'TRADEBOT_TEST_EMBEDDED_DATABASE_URL'
      : 'TRADEBOT_TEST_DATABASE_URL',
  );
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

// Each spec file has its own module registry, so its own suffix: a tick or retry one spec left
// queued when its app closed is never run by the next spec's app.
const SPEC_QUEUE_SUFFIX = randomBytes(4).toString('hex');

/** Queue keys of this run and spec file only: no other's jobs (or a crashed run's) are picked up. */
export function testQueuePrefix(): string {
  return `${process.env.TRADEBOT_TEST_DATABASE_NAME ?? 'tb_e2e'}_${SPEC_QUEUE_SUFFIX}`;
}

function fromSetup(variable: string): string {
  const value = process.env[variable];
  if (!value) throw new Error(`${variable} is unset: run e2e tests through jest`);
  return value;
}
