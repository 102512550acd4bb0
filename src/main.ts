import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureApp } from './app-setup';
import { AppModule } from './app.module';
import { loadConfig } from './config/app-config';
import { listenUrl } from './listen-url';
import { resolveRuntimeConfig } from './config/runtime-config';
import { exitOnSignal, failStartup, logLevelsFrom } from './process-lifecycle';

async function bootstrap(): Promise<void> {
  const settings = loadConfig();
  // Before Nest's own logger exists: the embedded database logs while it starts.
  Logger.overrideLogger(logLevelsFrom(settings.logLevel));
  const runtime = await resolveRuntimeConfig(settings);
  const { config } = runtime;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: logLevelsFrom(config.logLevel),
  });
  configureApp(app);
  await app.listen(config.port, config.host);
  const logger = new Logger('Bootstrap');
  logger.log(`API listening on ${listenUrl(app.getHttpServer().address())} (docs at /docs)`);
  exitOnSignal(app, runtime);
}

bootstrap().catch(failStartup);
