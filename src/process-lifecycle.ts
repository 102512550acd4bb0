import { Logger, type INestApplicationContext } from '@nestjs/common';
import type { RuntimeConfig } from './runtime-config';

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

/**
 * A rejection no one awaited is logged with its stack, and the process keeps serving: one
 * request's bug must not stop every bot's exits. An error marked `fatal: true` ends it.
 */
export function keepServingOnUnhandledRejection(
  logger = new Logger('Process'),
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  process.on('unhandledRejection', (reason) => {
    const error =
      reason instanceof Error ? reason : new Error(`non-error rejection: ${String(reason)}`);
    const fatal = (error as { fatal?: unknown }).fatal === true;
    logger.error(
      `unhandled rejection${fatal ? ' (fatal: exiting)' : ', still serving'}: ${error.message}`,
      error.stack,
    );
    if (fatal) exit(1);
  });
}

/** Errors whose message tells the user what to fix: shown alone, without a stack. */
const USER_FIXABLE = new Set([
  'InvalidEnvironmentError',
  'EmbeddedPostgresError',
  'PrivatePathError',
  'StrategyFileError',
]);

export function failStartup(error: Error): never {
  console.error(USER_FIXABLE.has(error.name) ? `tradebot: ${error.message}` : error);
  process.exit(1);
}
