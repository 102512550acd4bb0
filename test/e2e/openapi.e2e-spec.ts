import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSpecWithoutServices, serialiseSpec } from '../../src/openapi/openapi-spec';
import { createTestApp, type TestApp } from '../utils/test-app';

// Jest runs from the project root (ESM tests have no __dirname).
const COMMITTED_SPEC = join(process.cwd(), 'openapi.json');

describe('OpenAPI spec', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });

  afterAll(async () => testApp.close());

  it('is committed as generated from the code (run `npm run openapi` when this fails)', async () => {
    const generated = serialiseSpec(await buildSpecWithoutServices());
    expect(readFileSync(COMMITTED_SPEC, 'utf8')).toBe(generated);
  });

  it('is what the running app serves at /docs-json, with Swagger UI at /docs, without a token', async () => {
    const served = await testApp.http.get('/docs-json').expect(200);
    expect(served.body).toEqual(JSON.parse(readFileSync(COMMITTED_SPEC, 'utf8')));
    const ui = await testApp.http.get('/docs').expect(200);
    expect(ui.text).toContain('swagger-ui');
  });

  it('documents an error body for every operation and a schema for every success', () => {
    const spec = JSON.parse(readFileSync(COMMITTED_SPEC, 'utf8'));
    const undocumented: string[] = [];
    for (const [path, operations] of Object.entries<Record<string, { responses: object }>>(
      spec.paths,
    )) {
      for (const [method, operation] of Object.entries(operations)) {
        const codes = Object.keys(operation.responses);
        if (!codes.some((code) => code.startsWith('2')))
          undocumented.push(`${method} ${path}: 2xx`);
        if (path !== '/health' && !codes.some((code) => code.startsWith('4'))) {
          undocumented.push(`${method} ${path}: 4xx`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });
});
