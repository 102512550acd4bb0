import type { Command } from 'commander';
import { CliError, ExitCode, UsageError } from '../cli-error';
import type { CliContext } from '../cli-context';
import { INTERVALS } from '../../kernel/interval';
import { formatTable, jsonOption, Progress, writeJson } from '../output';
import type { ApiClient, Schemas } from './api-client';
import { type ServerOptions, signedInClient, urlOption } from './server-session';

type Download = Schemas['DownloadDto'];

interface RangeOptions extends ServerOptions {
  from?: string;
  to?: string;
}

/** How often a download's progress is asked for. */
const POLL_MS = 500;
/** Cells of the progress bar. */
const BAR_WIDTH = 30;

/** data download|ls|rm: the server's candle history. */
export function registerDataCommands(program: Command, context: CliContext): void {
  const data = program
    .command('data')
    .description('the candle history the server keeps for backtests: download, ls, rm');
  data
    .command('download <symbol> <interval>')
    .description(
      `fetch a range of candles from the exchange into the history (what it lacks); interval: ${INTERVALS.join(', ')}`,
    )
    .requiredOption('--from <date>', 'the start, an ISO date (UTC), like 2026-01-01')
    .requiredOption('--to <date>', 'the end, an ISO date (UTC): candles opening up to it')
    .addOption(urlOption())
    .addOption(jsonOption())
    .action((symbol: string, interval: string, options: RangeOptions) =>
      download(context, symbol, interval, options),
    );
  data
    .command('ls')
    .description('what the history holds: each span of each symbol and interval')
    .addOption(urlOption())
    .addOption(jsonOption())
    .action(async (options: ServerOptions) => {
      const client = await signedInClient(context, options);
      const held = await client.call('get', '/api/candle-history');
      if (options.json) return writeJson(context.stdout, held);
      if (held.length === 0) return void context.stdout.write('no candles held\n');
      context.stdout.write(
        formatTable(
          ['VENUE', 'SYMBOL', 'INTERVAL', 'FROM', 'TO', 'CANDLES'],
          held.map((span) => [
            span.venue,
            span.symbol,
            span.interval,
            isoTime(span.from),
            isoTime(span.to),
            span.candles.toLocaleString('en-US'),
          ]),
        ),
      );
    });
  data
    .command('rm <symbol> <interval>')
    .description("remove held candles of a symbol and interval (admin), all or --from..--to's")
    .option('--from <date>', 'with --to: remove from this open time on')
    .option('--to <date>', 'with --from: remove up to this open time')
    .addOption(urlOption())
    .addOption(jsonOption())
    .action(async (symbol: string, interval: string, options: RangeOptions) => {
      if (Boolean(options.from) !== Boolean(options.to)) {
        throw new UsageError('give --from and --to together, or neither to remove all');
      }
      const client = await signedInClient(context, options);
      const range = options.from ? timeRange(options) : {};
      const removed = await client.call('delete', '/api/candle-history', {
        query: {
          symbol: symbol.toUpperCase(),
          interval: interval as Download['interval'],
          ...range,
        },
      });
      if (options.json) return writeJson(context.stdout, removed);
      context.stdout.write(
        `removed ${removed.removed.toLocaleString('en-US')} ${symbol.toUpperCase()} ${interval} candles\n`,
      );
    });
}

async function download(
  context: CliContext,
  symbol: string,
  interval: string,
  options: RangeOptions,
): Promise<void> {
  const client = await signedInClient(context, options);
  const request = {
    symbol: symbol.toUpperCase(),
    interval: interval as Download['interval'],
    ...timeRange(options),
  };
  const progress = new Progress(context.stderr);
  const plain = !context.stderr.isTTY && !options.json;
  let lastTenth = -1;
  const show = (state: Download) => {
    progress.update(progressLine(state));
    const tenth = state.total > 0 ? Math.floor((state.done / state.total) * 10) : 0;
    if (plain && tenth > lastTenth) context.stderr.write(`${progressLine(state, 0)}\n`);
    lastTenth = Math.max(lastTenth, tenth);
  };
  let state: Download;
  try {
    state = await client.call('post', '/api/candle-history/downloads', { body: request });
    show(state);
    state = await follow(client, state, show);
  } finally {
    progress.done();
  }
  if (state.status === 'failed') context.exitCode = ExitCode.Failed;
  if (options.json) return writeJson(context.stdout, state);
  if (state.status === 'failed') {
    throw new CliError(`the download failed: ${state.error ?? 'no reason given'}`);
  }
  context.stdout.write(
    `${state.symbol} ${state.interval}: ${state.total.toLocaleString('en-US')} candle times held ` +
      `from ${isoTime(state.startTime)} to ${isoTime(state.endTime)}\n`,
  );
}

/** Polls the download until it ends, telling `show` each state. */
async function follow(
  client: ApiClient,
  start: Download,
  show: (state: Download) => void,
): Promise<Download> {
  let state = start;
  while (state.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    state = await client.call('get', '/api/candle-history/downloads/{id}', {
      params: { id: state.id },
    });
    show(state);
  }
  return state;
}

/** `BTCUSDT 1m [#######.......] 45% 236,000/525,600`; `width` 0 leaves the bar out. */
export function progressLine(state: Download, width = BAR_WIDTH): string {
  const share = state.total > 0 ? Math.min(1, state.done / state.total) : 1;
  const filled = Math.floor(share * width);
  const bar = width > 0 ? ` [${'#'.repeat(filled)}${'.'.repeat(width - filled)}]` : '';
  const count = (n: number) => n.toLocaleString('en-US');
  return (
    `${state.symbol} ${state.interval}${bar} ${Math.floor(share * 100)}% ` +
    `${count(state.done)}/${count(state.total)}`
  );
}

/** --from and --to as ms; a date alone is its midnight UTC. */
function timeRange(options: RangeOptions): { startTime: number; endTime: number } {
  const time = (flag: string, text: string) => {
    const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
    if (Number.isNaN(ms)) throw new UsageError(`--${flag} ${text} is no date (like 2026-01-01)`);
    return ms;
  };
  return { startTime: time('from', options.from!), endTime: time('to', options.to!) };
}

function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
