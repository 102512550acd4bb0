import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AuthService } from './auth/auth.service';
import { admitBacktestFirst } from './backtest/backtest-admission';
import { BacktestPool } from './backtest/pool/backtest-pool.service';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { correlationIdMiddleware } from './logging/correlation-id.middleware';
import { ApiErrorDto } from './kernel/errors/api-error';
import { AppConfig } from './config/app-config';
import { useJsonBodies } from './common/json-bodies';
import { answerUnknownRoutes } from './common/not-found';
import { securityHeaders } from './common/security-headers';
import { createValidationPipe } from './common/validation.pipe';
import { inlineLoneAllOf } from './common/lone-all-of';
import { STRATEGY_CLASSES } from './strategies/built-in-strategies';
import { paramsSchemaName, toOpenApiSchema } from './strategies/strategy-openapi';

/** Backtest bodies carry up to 1,000,000 candles (~75 MB of JSON as in docs/backtests.md). */
export const BACKTEST_BODY_LIMIT = '128mb';

/** Everything main.ts and the e2e tests both need, so tests exercise the real app. */
export function configureApp(app: INestApplication): OpenAPIObject {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.set('trust proxy', app.get(AppConfig).trustProxy);
  app.use(correlationIdMiddleware);
  app.use(securityHeaders());
  useJsonBodies(express, [
    {
      method: 'post',
      path: '/api/backtests',
      limit: BACKTEST_BODY_LIMIT,
      admit: admitBacktestFirst(app.get(AuthService), app.get(BacktestPool)),
    },
    // The lookahead check takes a backtest's body and runs on the same threads.
    {
      method: 'post',
      path: '/api/backtests/lookahead',
      limit: BACKTEST_BODY_LIMIT,
      admit: admitBacktestFirst(app.get(AuthService), app.get(BacktestPool)),
    },
    // An optimization's body is a backtest's (its candles), admitted to the same places.
    {
      method: 'post',
      path: '/api/optimizations',
      limit: BACKTEST_BODY_LIMIT,
      admit: admitBacktestFirst(app.get(AuthService), app.get(BacktestPool)),
    },
  ]);
  applyRoutePrefix(app);
  app.useGlobalPipes(createValidationPipe());
  const filter = new AllExceptionsFilter();
  app.useGlobalFilters(filter);
  answerUnknownRoutes(app, filter);
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return document;
}

/**
 * Everything lives under /api except what other tools call at their usual paths: the health
 * probe (load balancers) and the metrics (Prometheus).
 */
export function applyRoutePrefix(app: INestApplication): void {
  app.setGlobalPrefix('api', { exclude: ['health', 'metrics'] });
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('tradebot')
    .setDescription(
      'Trading-bot execution engine for Binance Spot and paper trading. ' +
        'Decimals (money, prices, quantities) are strings. Errors share one body: ApiErrorDto.',
    )
    .setVersion('0.1.0')
    // Relative, so Swagger UI and generated clients call whichever host served the document.
    .addServer('/', 'The host serving this document')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ApiErrorDto] });
  // Strategy params are plain classes' JSON Schemas, not DTOs: add them as components.
  const schemas = (document.components ??= {}).schemas ?? {};
  for (const Strategy of STRATEGY_CLASSES) {
    const strategy = new Strategy();
    schemas[paramsSchemaName(strategy.key)] = toOpenApiSchema(strategy);
  }
  document.components.schemas = schemas;
  inlineLoneAllOf(document);
  return document;
}
