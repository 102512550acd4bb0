import { writeFileSync } from 'node:fs';
import { EXAMPLE_CSV, exampleCsv } from '../src/backtest/example-csv';

// The example CSV is generated, never edited: src/backtest/example-csv.spec.ts checks it.
writeFileSync(EXAMPLE_CSV.path, exampleCsv());
console.log(`wrote ${EXAMPLE_CSV.path} (simulated, seed ${EXAMPLE_CSV.seed})`);
