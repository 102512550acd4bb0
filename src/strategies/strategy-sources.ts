import { spawnSync } from 'node:child_process';
import type { Strategy } from './strategy.interface';
import { StrategyFileError } from './user/strategy-file.error';
import { strategyFiles } from './user/strategy-files';
import { UserStrategy } from './user/user-strategy';
import { STRATEGY_CLASSES } from './built-in-strategies';

/**
 * Where the strategies beyond the built-ins come from: plain data, which StrategiesModule and
 * every backtest thread receive, so that both load the same strategies the same way.
 */
export interface StrategySources {
  /** Modules whose default export is a Strategy class, by absolute path (the engine's own). */
  readonly classModules: readonly string[];
  /** Strategy files from STRATEGIES_DIR (docs/strategies.md), by absolute path. */
  readonly files: readonly string[];
  /** Per tick, for each file's strategy (STRATEGY_TIME_BUDGET_MS). */
  readonly timeBudgetMs: number;
}

/** The files of STRATEGIES_DIR, each with the configured time budget. */
export function strategySourcesOf(config: {
  strategiesDir: string;
  strategyTimeBudgetMs: number;
}): StrategySources {
  return {
    classModules: [],
    files: strategyFiles(config.strategiesDir),
    timeBudgetMs: config.strategyTimeBudgetMs,
  };
}

/**
 * The registry's strategies: the built-ins, then each class module's, then each file's. A file
 * that cannot be used throws a StrategyFileError naming it, which stops the start.
 */
export async function loadStrategies(sources: StrategySources): Promise<Strategy[]> {
  const loaded: Strategy[] = STRATEGY_CLASSES.map((Class) => new Class());
  for (const source of sources.classModules) {
    const { default: Class } = (await import(source)) as { default: new () => Strategy };
    loaded.push(new Class());
  }
  const owners = new Map(loaded.map((strategy) => [strategy.key, strategy.source ?? 'built-in']));
  for (const file of sources.files) {
    const strategy = UserStrategy.fromModule(await importFile(file), file, sources.timeBudgetMs);
    const owner = owners.get(strategy.key);
    if (owner) {
      throw new StrategyFileError(
        file,
        `key "${strategy.key}" is taken (by ${owner}); every strategy needs its own key`,
      );
    }
    owners.set(strategy.key, file);
    loaded.push(strategy);
  }
  return loaded;
}

/** The file's module, or a StrategyFileError with the reason (and line, for a syntax error). */
async function importFile(file: string): Promise<unknown> {
  try {
    return await import(file);
  } catch (error) {
    const { message, name } = error as Error;
    const line = name === 'SyntaxError' ? syntaxErrorLine(file) : undefined;
    const where = line === undefined ? '' : ` (line ${line})`;
    throw new StrategyFileError(file, `cannot be loaded: ${message.split('\n')[0]}${where}`);
  }
}

/** Where Node puts a syntax error: an import of ES modules does not say, `node --check` does. */
function syntaxErrorLine(file: string): string | undefined {
  const { stderr } = spawnSync(process.execPath, ['--check', file], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  return stderr?.split('\n')[0]?.match(/:(\d+)$/)?.[1];
}
