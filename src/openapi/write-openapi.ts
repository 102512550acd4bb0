import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSpecWithoutServices, serialiseSpec } from './openapi-spec';

/** `npm run openapi`: regenerates the committed openapi.json (no database needed). */
async function main(): Promise<void> {
  const path = resolve(process.argv[2] ?? 'openapi.json');
  writeFileSync(path, serialiseSpec(await buildSpecWithoutServices()));
  console.log(`wrote ${path}`);
}

void main();
