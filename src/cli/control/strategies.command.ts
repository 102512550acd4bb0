import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { formatTable, jsonOption, writeJson } from '../output';
import { type ServerOptions, signedInClient, urlOption } from './server-session';
import { describeParams } from './strategy-params';

/** strategies: what a bot or backtest can run, from GET /api/strategies. */
export function registerStrategiesCommand(program: Command, context: CliContext): void {
  program
    .command('strategies')
    .description(
      'list the strategies a bot or backtest can run: key, source, params with their defaults',
    )
    .addOption(urlOption())
    .addOption(jsonOption())
    .action(async (options: ServerOptions) => {
      const client = await signedInClient(context, options);
      const strategies = await client.call('get', '/api/strategies');
      if (options.json) return writeJson(context.stdout, strategies);
      context.stdout.write(
        formatTable(
          ['KEY', 'SOURCE', 'DESCRIPTION', 'PARAMS'],
          strategies.map((strategy) => [
            strategy.key,
            strategy.source ?? 'built-in',
            strategy.description,
            describeParams(strategy),
          ]),
        ),
      );
    });
}
