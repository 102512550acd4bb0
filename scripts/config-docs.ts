// `npm run docs:config`: writes docs/configuration.md's table of environment variables from
// src/config/env-docs.ts; src/config/env-docs.spec.ts fails while the two differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { renderConfigurationTable, withGeneratedTable } from '../src/config/env-docs-table';

const DOC = join(__dirname, '..', 'docs', 'configuration.md');

async function main(): Promise<void> {
  const options = { ...(await resolveConfig(DOC)), parser: 'markdown' };
  const table = await format(renderConfigurationTable(), options);
  const doc = readFileSync(DOC, 'utf8');
  const updated = withGeneratedTable(doc, table);
  if (updated === doc) return;
  writeFileSync(DOC, updated);
  console.log('docs/configuration.md: table rewritten');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
