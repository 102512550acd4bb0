import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where a backtest worker thread starts, and the Node flags it needs to load it. */
export interface WorkerEntry {
  filename: string;
  /** Unset: the thread takes the process's own flags. */
  execArgv?: string[];
}

/**
 * The worker entry beside this file: compiled JavaScript in a build (`dist/`, what
 * `npm start` runs), or else the TypeScript source, which the thread compiles with ts-node
 * as it loads it (tests and benches run from the sources; ts-node is a dev dependency).
 */
export function backtestWorkerEntry(): WorkerEntry {
  // CommonJS (the build, ts-node) has __dirname; Jest's ESM has none, and runs from the
  // project root.
  const here =
    typeof __dirname === 'string' ? __dirname : join(process.cwd(), 'src', 'backtest', 'pool');
  const compiled = join(here, 'backtest.worker.js');
  if (existsSync(compiled)) return { filename: compiled };
  return {
    filename: join(here, 'backtest.worker.ts'),
    execArgv: [...process.execArgv, '--require', 'ts-node/register/transpile-only'],
  };
}
