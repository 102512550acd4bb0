import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError, UsageError } from '../cli-error';
import type { CliContext } from '../cli-context';
import { jsonOption, Progress, writeJson } from '../output';
import type { ApiClient, Schemas } from './api-client';
import {
  progressBar,
  progressLine,
  runReport,
  type RunView,
  runsTable,
  watchRun,
} from './optimize-output';
import { type ServerOptions, signedInClient, urlOption } from './server-session';

interface OptimizeOptions extends ServerOptions {
  file?: string;
  watch?: boolean;
}

/** How often --watch asks for the run: the dashboard's pace. */
const POLL_MS = 1000;

/**
 * optimize: a parameter search from a JSON request (POST /api/optimizations' body), and its
 * runs: ls, show, cancel.
 */
export function registerOptimizeCommand(program: Command, context: CliContext): void {
  const optimize = program
    .command('optimize')
    .description(
      "search a strategy's params: --file request.json (the body of POST /api/optimizations); ls, show ID, cancel ID",
    )
    .option('--file <request.json>', 'the request: backtest, space, method, objective, …')
    .option('--watch', 'follow the run to its end, then print the best params and the top ten')
    .addOption(urlOption())
    .addOption(jsonOption())
    .action((options: OptimizeOptions) => start(context, options));
  optimize
    .command('ls')
    .description('list your optimizations, newest first')
    .addOption(urlOption())
    .addOption(jsonOption())
    .action(async (_options: ServerOptions, command: Command) => {
      const options = merged<ServerOptions>(command);
      const client = await signedInClient(context, options);
      const runs = await client.call('get', '/api/optimizations');
      if (options.json) return writeJson(context.stdout, runs);
      context.stdout.write(runs.length > 0 ? runsTable(runs) : 'no optimizations yet\n');
    });
  optimize
    .command('show')
    .description('one optimization: progress, best params, folds and the top ten')
    .argument('<id>')
    .option('--watch', 'follow it to its end')
    .addOption(urlOption())
    .addOption(jsonOption())
    .action(async (id: string, _options: OptimizeOptions, command: Command) => {
      const options = merged<OptimizeOptions>(command);
      const client = await signedInClient(context, options);
      const view = options.watch ? await follow(context, client, id) : await getRun(client, id);
      finish(context, view, options);
    });
  optimize
    .command('cancel')
    .description('stop a queued or running optimization')
    .argument('<id>')
    .addOption(urlOption())
    .addOption(jsonOption())
    .action(async (id: string, _options: ServerOptions, command: Command) => {
      const options = merged<ServerOptions>(command);
      const client = await signedInClient(context, options);
      const view = await client.call('delete', '/api/optimizations/{id}', { params: { id } });
      if (options.json) return writeJson(context.stdout, view);
      context.stdout.write(
        `${view.id} ${view.status} at ${view.progress.done}/${view.progress.total}\n`,
      );
    });
}

/** `optimize show ID --json`: commander gives `--json` to `optimize`, which has it too. */
function merged<T>(command: Command): T {
  return command.optsWithGlobals<T & Record<string, unknown>>();
}

async function start(context: CliContext, options: OptimizeOptions): Promise<void> {
  if (!options.file) throw new UsageError('give --file request.json, or ls, show ID, cancel ID');
  const request = await readRequest(resolve(context.cwd, options.file));
  const client = await signedInClient(context, options);
  // The file is sent as written: the API names what is wrong in it.
  const started = await client.call('post', '/api/optimizations', {
    body: request as Schemas['OptimizationRequestDto'],
  });
  if (!options.watch) {
    if (options.json) return writeJson(context.stdout, started);
    context.stdout.write(
      `optimization ${started.id} ${started.status}: follow it with tradebotctl optimize show ${started.id} --watch\n`,
    );
    return;
  }
  finish(context, await follow(context, client, started.id), options);
}

async function readRequest(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not JSON: ${(error as Error).message}`);
  }
}

function getRun(client: ApiClient, id: string): Promise<RunView> {
  return client.call('get', '/api/optimizations/{id}', { params: { id } });
}

/** Polls to the end: a redrawn bar on a terminal, a line per change in a log. */
async function follow(context: CliContext, client: ApiClient, id: string): Promise<RunView> {
  const progress = new Progress(context.stderr);
  let last = '';
  try {
    return await watchRun(
      () => getRun(client, id),
      (view) => {
        if (context.stderr.isTTY)
          return progress.update(`${view.status} ${progressBar(view.progress)}`);
        const line = progressLine(view);
        if (line !== last) context.stderr.write(`${line}\n`);
        last = line;
      },
      () => new Promise((done) => setTimeout(done, POLL_MS)),
    );
  } finally {
    progress.done();
  }
}

/** The final view: as JSON, or the report; a failed run exits 1 with its reason. */
function finish(context: CliContext, view: RunView, options: { json?: boolean }): void {
  if (options.json) writeJson(context.stdout, view);
  else context.stdout.write(runReport(view));
  if (view.status === 'failed') context.exitCode = 1;
}
