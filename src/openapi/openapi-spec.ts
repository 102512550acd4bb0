import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { applyRoutePrefix, buildOpenApiDocument } from '../app-setup';
import { AppModule } from '../app.module';
import { AppConfig, loadConfig } from '../config/app-config';
import type { RuntimeConfig } from '../runtime-config';

/**
 * Preview mode resolves modules and routes without instantiating providers, so the spec
 * can be built with no database, Redis or secrets around.
 */
export async function buildSpecWithoutServices(): Promise<OpenAPIObject> {
  const config = new AppConfig({
    ...loadConfig({}),
    databaseUrl: 'postgres://unused@127.0.0.1:1/unused',
  }) as RuntimeConfig['config'];
  const app = await NestFactory.create(AppModule.forRoot(config), {
    preview: true,
    logger: false,
  });
  applyRoutePrefix(app);
  const document = buildOpenApiDocument(app);
  await app.close();
  return document;
}

export function serialiseSpec(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
