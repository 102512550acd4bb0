import type { Command } from 'commander';
import { CliError } from '../cli-error';
import type { CliContext } from '../cli-context';
import { DEFAULT_POSITION_SIZE_QUOTE } from '../../kernel/bot-defaults';
import { grouped } from '../numbers';
import { formatRecord, jsonOption, Progress, writeJson } from '../output';
import { ApiError, type Schemas } from './api-client';
import { collect, parseKeyValues } from './key-values';
import { candleFieldToLine, type KlineBody, readKlineBody } from './kline-csv';
import { type ServerOptions, signedInClient, urlOption } from './server-session';

interface BacktestOptions extends ServerOptions {
  csv: string;
  strategy: string;
  /** Undefined when not given: commander's help would print an empty default. */
  param?: string[];
  risk?: string[];
  paper?: string[];
  filter?: string[];
}

/** backtest: a CSV of Binance klines through POST /api/backtests, the metrics as a table. */
export function registerBacktestCommand(program: Command, context: CliContext): void {
  program
    .command('backtest')
    .description('run a strategy over Binance kline rows from a CSV file and print the metrics')
    .requiredOption('--csv <file>', 'kline rows: openTime,open,high,low,close,volume,closeTime,…')
    .requiredOption('--strategy <name>', 'a strategy key (GET /api/strategies), like ema-rsi')
    .option('--param <key=value>', 'a strategy param; repeat for more', collect)
    .option(
      '--risk <key=value>',
      `a risk rule (positionSizeQuote, stopLossPct, …; positionSizeQuote defaults to ${DEFAULT_POSITION_SIZE_QUOTE}, as in the dashboard)`,
      collect,
    )
    .option(
      '--paper <key=value>',
      'the fill model: initialBalanceQuote, feeRate, slippageBps',
      collect,
    )
    .option('--filter <key=value>', "the symbol's filters: stepSize, minQty, minNotional", collect)
    .addOption(urlOption())
    .addOption(jsonOption())
    .action((options: BacktestOptions) => backtest(context, options));
}

async function backtest(context: CliContext, options: BacktestOptions): Promise<void> {
  const client = await signedInClient(context, options);
  const request = backtestRequest(options);
  const progress = new Progress(context.stderr);
  let ticker: NodeJS.Timeout | undefined;
  // Once the body is sent, the server runs it: a clock shows that something is happening.
  const showRunning = () => {
    const since = Date.now();
    const show = () =>
      progress.update(`running the backtest… ${Math.round((Date.now() - since) / 1000)} s`);
    show();
    ticker = setInterval(show, 1000).unref();
  };
  let body: KlineBody | undefined;
  try {
    body = await readKlineBody(options.csv, request, (rows) =>
      progress.update(`reading ${options.csv}: ${rows} rows`),
    );
    const result = await client.call('post', '/api/backtests', {
      rawJson: uploadStream(body, progress, showRunning),
    });
    progress.done();
    if (options.json) return writeJson(context.stdout, result);
    context.stdout.write(formatRecord(describeResult(body, result)));
  } catch (error) {
    if (error instanceof ApiError && body && error.fieldErrors.length > 0) {
      const lineOfRow = body.lineOfRow;
      throw new CliError(
        error.message,
        error.details.map((detail) => candleFieldToLine(detail, lineOfRow)),
      );
    }
    throw error;
  } finally {
    clearInterval(ticker);
    progress.done();
  }
}

/** The body but the candles: the options, and the dashboard's position size when none is given. */
export function backtestRequest(
  options: Omit<BacktestOptions, 'csv' | 'url'>,
): Omit<Schemas['BacktestRequestDto'], 'candles'> {
  const paper = parseKeyValues(options.paper ?? [], '--paper');
  const filters = parseKeyValues(options.filter ?? [], '--filter');
  return {
    strategy: options.strategy,
    strategyParams: parseKeyValues(options.param ?? [], '--param'),
    risk: {
      positionSizeQuote: DEFAULT_POSITION_SIZE_QUOTE,
      ...parseKeyValues(options.risk ?? [], '--risk'),
    },
    ...(Object.keys(paper).length > 0 ? { paper } : {}),
    ...(Object.keys(filters).length > 0 ? { filters } : {}),
  } as Omit<Schemas['BacktestRequestDto'], 'candles'>;
}

/** The body as a stream, so that the upload of tens of megabytes shows its progress. */
function uploadStream(body: KlineBody, progress: Progress, onSent: () => void) {
  let next = 0;
  let sent = 0;
  const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1);
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (next === body.chunks.length) {
        controller.close();
        onSent();
        return;
      }
      const chunk = body.chunks[next++];
      sent += chunk.length;
      controller.enqueue(chunk);
      progress.update(
        `uploading ${body.rows} candles: ${megabytes(sent)}/${megabytes(body.bytes)} MB`,
      );
    },
  });
}

function describeResult(
  body: KlineBody,
  result: Schemas['BacktestResponseDto'],
): [string, string][] {
  const { metrics } = result;
  return [
    ['candles', String(body.rows)],
    ['trades', String(result.trades.length)],
    ['round trips', String(metrics.roundTrips)],
    ['wins', String(metrics.wins)],
    ['win rate %', grouped(metrics.winRatePct, 2)],
    ['realized pnl', grouped(metrics.realizedPnl, 2)],
    ['final equity', grouped(metrics.finalEquity, 2)],
    ['return %', grouped(metrics.returnPct, 2)],
    ['max drawdown %', grouped(metrics.maxDrawdownPct, 2)],
    ['skipped entries', String(metrics.skippedEntries)],
  ];
}
