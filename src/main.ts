import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureApp } from './app-setup';
import { AppModule } from './app.module';
import { loadConfig } from './config/app-config';
import { listeningLine } from './listen-url';
import { resolveRuntimeConfig } from './runtime-config';
import { createAppLogs } from './logging/app-logger';
import { exitOnSignal, failStartup, keepServingOnUnhandledRejection } from './process-lifecycle';

async function bootstrap(): Promise<void> {
  const settings = loadConfig();
  const logs = createAppLogs(settings);
  // Before Nest's own logger exists: the embedded database logs while it starts.
  Logger.overrideLogger(logs.service);
  keepServingOnUnhandledRejection();
  const runtime = await resolveRuntimeConfig(settings);
  const { config } = runtime;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: logs.service,
  });
  // First, so that a request the body parsers refuse is logged too.
  app.use(logs.requests);
  configureApp(app);
  await app.listen(config.port, config.host);
  const logger = new Logger('Bootstrap');
  logger.log(listeningLine(app.getHttpServer().address()));
  exitOnSignal(app, runtime);
}

bootstrap().catch(failStartup);
