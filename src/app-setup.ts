import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { correlationIdMiddleware } from './common/correlation-id.middleware';
import { ApiErrorDto } from './common/errors/api-error';
import { createValidationPipe } from './common/validation.pipe';
import { STRATEGY_CLASSES } from './strategies/strategies.module';
import { paramsSchemaName, toOpenApiSchema } from './strategies/strategy-openapi';

/** Backtest bodies carry up to 500,000 candles (~60 MB of JSON). */
export const JSON_BODY_LIMIT = '128mb';

/** Everything main.ts and the e2e tests both need, so tests exercise the real app. */
export function configureApp(app: INestApplication): OpenAPIObject {
  const express = app as NestExpressApplication;
  express.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  express.disable('x-powered-by');
  app.use(correlationIdMiddleware);
  applyRoutePrefix(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return document;
}

/** Everything lives under /api except the health probe, which load balancers call bare. */
export function applyRoutePrefix(app: INestApplication): void {
  app.setGlobalPrefix('api', { exclude: ['health'] });
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('tradebot')
    .setDescription(
      'Trading-bot execution engine for Binance Spot and paper trading. ' +
        'Decimals (money, prices, quantities) are strings. Errors share one body: ApiErrorDto.',
    )
    .setVersion('0.1.0')
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
  return document;
}
