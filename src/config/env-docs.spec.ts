import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { format, resolveConfig } from 'prettier';
import { Env } from './app-config';
import { ENV_DOCS } from './env-docs';
import { generatedTableIn, renderConfigurationTable } from './env-docs-table';

const DOC = join(process.cwd(), 'docs/configuration.md');

describe('docs/configuration.md', () => {
  it('documents every variable Env validates, and no other', () => {
    // Jest compiles without type checks, so Env's decorators are read instead of its type.
    const validated = getMetadataStorage()
      .getTargetValidationMetadatas(Env, '', false, false)
      .map((metadata) => metadata.propertyName);
    expect(Object.keys(ENV_DOCS).sort()).toEqual([...new Set(validated)].sort());
  });

  it('holds the table rendered from src/config/env-docs.ts (run npm run docs:config)', async () => {
    const options = { ...(await resolveConfig(DOC)), parser: 'markdown' };
    const rendered = await format(renderConfigurationTable(), options);
    expect(generatedTableIn(readFileSync(DOC, 'utf8'))).toBe(rendered);
  });
});
