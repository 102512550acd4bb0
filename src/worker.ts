import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { loadConfig } from './config/app-config';
import { resolveRuntimeConfig } from './runtime-config';
import { createAppLogs } from './logging/app-logger';
import { exitOnSignal, failStartup, keepServingOnUnhandledRejection } from './process-lifecycle';

/** A worker-only process for scale-out: no HTTP, the same modules, shared Postgres and Redis. */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logs = createAppLogs(config);
  Logger.overrideLogger(logs.service);
  keepServingOnUnhandledRejection();
  if (!config.databaseUrl || !config.redisUrl) {
    throw new Error(
      "A separate worker shares the API's PostgreSQL and Redis: set DATABASE_URL and REDIS_URL " +
        '(without them, `npm start` runs the API and the jobs in one process).',
    );
  }
  const runtime = await resolveRuntimeConfig(config);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(runtime.config), {
    logger: logs.service,
  });
  exitOnSignal(app, runtime);
  new Logger('Bootstrap').log('worker started');
}

bootstrap().catch(failStartup);
