import { Logger, type INestApplicationContext } from '@nestjs/common';
import type { RuntimeConfig } from './config/runtime-config';

/** Closes the app (finishing in-flight work), then the embedded database, then exits. */
export function exitOnSignal(app: INestApplicationContext, runtime: RuntimeConfig): void {
  const shutdown = async (signal: string) => {
    new Logger('Shutdown').log(`${signal}: closing`);
    await app.close();
    await runtime.release();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

/** Errors whose message tells the user what to fix: shown alone, without a stack. */
const USER_FIXABLE = new Set(['InvalidEnvironmentError', 'EmbeddedPostgresError']);

export function failStartup(error: Error): never {
  console.error(USER_FIXABLE.has(error.name) ? `tradebot: ${error.message}` : error);
  process.exit(1);
}
