import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { configureApp } from '../../src/app-setup';
import { AppModule } from '../../src/app.module';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import type { RuntimeConfig } from '../../src/runtime-config';
import { PasswordHasher } from '../../src/users/passwords';
import { CheapPasswordHasher } from './cheap-password-hasher';
import {
  TEST_ADMIN_EMAIL,
  TEST_ADMIN_PASSWORD,
  TEST_REDIS_URL,
  testQueuePrefix,
  testTarget,
  throwawayDatabaseUrl,
} from './test-env';

export const TEST_CREDENTIALS_KEY = 'a'.repeat(64);

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  dataSource: DataSource;
  config: RuntimeConfig['config'];
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Receives everything the app logs (every level), e.g. a CapturedLogs. */
  logger?: LoggerService;
  /** Replaces providers at a true boundary (the exchange), e.g. to fail an order send. */
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
}

/**
 * Boots the real AppModule with the real filters and pipes, listening on a loopback port,
 * on the run's target: the throwaway database with this machine's Redis and Bull, or the
 * embedded PostgreSQL with in-process jobs.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tradebot-e2e-'));
  const embedded = testTarget() === 'embedded';
  const base = loadConfig({
    DATABASE_URL: throwawayDatabaseUrl(),
    ...(embedded ? {} : { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: testQueuePrefix() }),
    DATA_DIR: dataDir,
    JWT_SECRET: 'e2e-jwt-secret-that-is-long-enough-0123456789',
    CREDENTIALS_KEY: TEST_CREDENTIALS_KEY,
    ADMIN_EMAIL: TEST_ADMIN_EMAIL,
    ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    CRON_ENABLED: 'false',
    NODE_ENV: 'test',
    // Every spec logs in from 127.0.0.1 and some fail logins on purpose (the bad-input
    // probes): in a run sharing one Redis, a minute's window would carry one spec's
    // failures into the next one's logins. auth.e2e-spec tests the throttle with its own.
    LOGIN_THROTTLE_WINDOW_MS: '100',
    ...env,
  });
  const config = new AppConfig({ ...base, embeddedDatabase: embedded }) as RuntimeConfig['config'];
  const builder = Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(PasswordHasher)
    .useValue(new CheapPasswordHasher());
  const moduleRef = await (options.override?.(builder) ?? builder).compile();
  const app = moduleRef.createNestApplication({
    bodyParser: false,
    logger: options.logger ?? ['error', 'warn'],
  });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const http = request(app.getHttpServer());
  return {
    app,
    http,
    dataSource: app.get(DataSource),
    config,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function loginAs(http: TestApp['http'], email: string, password: string) {
  const response = await http.post('/api/auth/login').send({ email, password }).expect(201);
  return response.body.accessToken as string;
}

export function adminLogin(http: TestApp['http']): Promise<string> {
  return loginAs(http, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
}

/** Creates a fresh ordinary user through the admin API and returns its token and id. */
export async function createUser(
  http: TestApp['http'],
  adminToken: string,
): Promise<{ id: string; email: string; token: string }> {
  const email = `user-${randomUUID()}@tradebot.test`;
  const password = `pw-${randomUUID()}`;
  const created = await http
    .post('/api/users')
    .set('Authorization', `Bearer ${adminToken}`)
    .send({ email, password })
    .expect(201);
  return { id: created.body.id, email, token: await loginAs(http, email, password) };
}
