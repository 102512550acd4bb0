import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';

// Jest runs from the project root (ESM tests have no __dirname).
const SCHEMA_TYPES = join(process.cwd(), 'src/cli/api/schema.d.ts');

describe("tradebotctl's API types", () => {
  it('are generated from the committed openapi.json (run `npm run openapi:types:cli` when this fails)', async () => {
    // What the script runs: openapi-typescript's CLI output, then Prettier.
    const ast = await openapiTS(readFileSync(join(process.cwd(), 'openapi.json')));
    const generated = await format(COMMENT_HEADER + astToString(ast), {
      ...(await resolveConfig(SCHEMA_TYPES)),
      filepath: SCHEMA_TYPES,
    });
    expect(readFileSync(SCHEMA_TYPES, 'utf8')).toBe(generated);
  });
});
