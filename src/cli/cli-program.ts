import { Command, CommanderError } from 'commander';
import { CliError, ExitCode } from './cli-error';
import type { CliContext } from './cli-context';
import { registerBacktestCommand } from './control/backtest.command';
import { registerBotsCommands } from './control/bots.commands';
import { registerContextCommand } from './control/context.command';
import { registerDataCommands } from './control/data.commands';
import { registerOptimizeCommand } from './control/optimize.command';
import { registerSessionCommands } from './control/session.commands';
import { registerStatusCommand } from './control/status.command';
import { registerStrategiesCommand } from './control/strategies.command';
import { registerIntegrityCommands } from './integrity/integrity.commands';
import { registerResetPasswordCommand } from './users/reset-password.command';

/** Enough to act on: a package missing every file need not list them all. */
const MAX_DETAILS = 20;

export function createProgram(context: CliContext, version: string): Command {
  const program = new Command('tradebotctl')
    .description(
      "tradebot's command line: keep an installation whole (manifest, verify, package, update, " +
        'repair) and control a running server (login, context, bots, strategies, status, backtest, users)',
    )
    .version(version)
    // Set before any command is added: subcommands copy these settings when made.
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
    });
  registerIntegrityCommands(program, context);
  const users = registerSessionCommands(program, context);
  registerResetPasswordCommand(users, context);
  registerContextCommand(program, context);
  registerBotsCommands(program, context);
  registerStatusCommand(program, context);
  registerBacktestCommand(program, context);
  registerStrategiesCommand(program, context);
  registerDataCommands(program, context);
  registerOptimizeCommand(program, context);
  return program;
}

/**
 * Runs one command line and gives the exit code: 0 success, 1 a failed check or request,
 * 2 wrong usage (commander's own errors, which it has printed already, and UsageError).
 * Errors print as a message and one line per detail, never as a stack trace.
 */
export async function runCli(argv: readonly string[], context: CliContext, version: string) {
  try {
    await createProgram(context, version).parseAsync([...argv]);
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    if (error instanceof CliError) {
      context.stderr.write(`error: ${error.message}\n`);
      for (const detail of error.details.slice(0, MAX_DETAILS))
        context.stderr.write(`  ${detail}\n`);
      const more = error.details.length - MAX_DETAILS;
      if (more > 0) context.stderr.write(`  … and ${more} more\n`);
      return error.exitCode;
    }
    context.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.Failed;
  }
}
