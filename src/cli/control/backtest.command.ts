import type { Command } from 'commander';
import { CliError, UsageError } from '../cli-error';
import type { CliContext } from '../cli-context';
import { DEFAULT_POSITION_SIZE_QUOTE } from '../../kernel/bot-defaults';
import { INTERVALS } from '../../kernel/interval';
import { grouped } from '../numbers';
import { formatRecord, jsonOption, Progress, writeJson } from '../output';
import { ApiError, type ApiClient, type Schemas } from './api-client';
import { collect, parseKeyValues } from './key-values';
import { candleFieldToLine, type KlineBody, readKlineBody } from './kline-csv';
import { type ServerOptions, signedInClient, urlOption } from './server-session';
import { findStrategy, strategyParams } from './strategy-params';

interface BacktestOptions extends ServerOptions {
  csv?: string;
  simulated?: boolean;
  symbol?: string;
  interval?: string;
  from?: string;
  to?: string;
  seed?: string;
  strategy: string;
  /** Undefined when not given: commander's help would print an empty default. */
  param?: string[];
  risk?: string[];
  paper?: string[];
  filter?: string[];
  execution?: string[];
}

/**
 * backtest: a CSV of Binance klines, or a seeded simulated series the server generates (no
 * network), through POST /api/backtests; the metrics as a table.
 */
export function registerBacktestCommand(program: Command, context: CliContext): void {
  program
    .command('backtest')
    .description(
      'run a strategy over Binance kline rows from a CSV file, or over a simulated series, and print the metrics',
    )
    .option('--csv <file>', 'kline rows: openTime,open,high,low,close,volume,closeTime,…')
    .option(
      '--simulated',
      'a seeded random walk instead (not market prices): give --symbol, --interval, --from, --to',
    )
    .option(
      '--symbol <symbol>',
      'the pair, like BTCUSDT: with --simulated, its series; with --csv, its exchange filters',
    )
    .option('--interval <interval>', `with --simulated: ${INTERVALS.join(', ')}`)
    .option('--from <date>', 'with --simulated: the start, an ISO date (UTC), like 2026-01-01')
    .option('--to <date>', 'with --simulated: the end, an ISO date (UTC)')
    .option('--seed <n>', 'with --simulated: the same seed gives the same candles')
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
    .option(
      '--execution <key=value>',
      'when fills happen: latencyCandles (0 to 100), fillAt (close or next-open)',
      collect,
    )
    .addOption(urlOption())
    .addOption(jsonOption())
    .action((options: BacktestOptions) => backtest(context, options));
}

async function backtest(context: CliContext, options: BacktestOptions): Promise<void> {
  if (Boolean(options.csv) === Boolean(options.simulated)) {
    throw new UsageError('give --csv FILE or --simulated, one of them');
  }
  if (options.simulated) return simulatedBacktest(context, options);
  const csv = options.csv!;
  const client = await signedInClient(context, options);
  const request = {
    ...backtestRequest(options, await paramsStrategy(client, options)),
    // Over given candles, a symbol only names the filters the sizing uses.
    ...(options.symbol ? { symbol: options.symbol.toUpperCase() } : {}),
  };
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
    body = await readKlineBody(csv, request, (rows) =>
      progress.update(`reading ${csv}: ${rows} rows`),
    );
    const result = await client.call('post', '/api/backtests', {
      rawJson: uploadStream(body, progress, showRunning),
    });
    progress.done();
    if (options.json) return writeJson(context.stdout, result);
    context.stdout.write(formatRecord(describeResult(body.rows, result)));
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

/** The simulated series over --from..--to: the server generates it, labelled in the report. */
async function simulatedBacktest(context: CliContext, options: BacktestOptions): Promise<void> {
  const client = await signedInClient(context, options);
  const progress = new Progress(context.stderr);
  progress.update('running the backtest over a simulated series…');
  try {
    const result = await client.call('post', '/api/backtests', {
      body: {
        ...backtestRequest(options, await paramsStrategy(client, options)),
        ...simulatedSource(options),
      },
    });
    progress.done();
    if (options.json) return writeJson(context.stdout, result);
    const { simulated } = result;
    if (simulated) {
      context.stdout.write(
        `simulated data, not market prices: ${simulated.symbol} ${simulated.interval} from ` +
          `${grouped(simulated.startPrice, 2)}, seed ${simulated.seed}\n`,
      );
    }
    context.stdout.write(formatRecord(describeResult(result.equity.length, result)));
  } finally {
    progress.done();
  }
}

/** The simulated source's fields of the request, from the options; wrong usage is exit 2. */
export function simulatedSource(
  options: Pick<BacktestOptions, 'symbol' | 'interval' | 'from' | 'to' | 'seed'>,
): Pick<
  Schemas['BacktestRequestDto'],
  'source' | 'symbol' | 'interval' | 'startTime' | 'endTime' | 'seed'
> {
  const missing = (['symbol', 'interval', 'from', 'to'] as const).filter((key) => !options[key]);
  if (missing.length > 0) {
    throw new UsageError(`--simulated needs ${missing.map((key) => `--${key}`).join(', ')}`);
  }
  const time = (flag: string, text: string) => {
    const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
    if (Number.isNaN(ms)) throw new UsageError(`--${flag} ${text} is no date (like 2026-01-01)`);
    return ms;
  };
  const seed = options.seed === undefined ? undefined : Number(options.seed);
  if (seed !== undefined && !Number.isSafeInteger(seed)) {
    throw new UsageError(`--seed ${options.seed} is no whole number`);
  }
  return {
    source: 'simulated',
    symbol: options.symbol!.toUpperCase(),
    interval: options.interval! as Schemas['BacktestRequestDto']['interval'],
    startTime: time('from', options.from!),
    endTime: time('to', options.to!),
    ...(seed === undefined ? {} : { seed }),
  };
}

/** The strategy whose schema types the `--param` values; asked for only when some are given. */
async function paramsStrategy(
  client: ApiClient,
  options: Pick<BacktestOptions, 'strategy' | 'param'>,
): Promise<Schemas['StrategyDescriptionDto'] | undefined> {
  return options.param?.length ? findStrategy(client, options.strategy) : undefined;
}

/**
 * The body but the candles: the options, and the dashboard's position size when none is
 * given; `--param` values typed by the strategy's schema when it is known.
 */
export function backtestRequest(
  options: Pick<BacktestOptions, 'strategy' | 'param' | 'risk' | 'paper' | 'filter' | 'execution'>,
  strategy?: Schemas['StrategyDescriptionDto'],
): Omit<Schemas['BacktestRequestDto'], 'candles'> {
  const paper = parseKeyValues(options.paper ?? [], '--paper');
  const filters = parseKeyValues(options.filter ?? [], '--filter');
  const execution = parseKeyValues(options.execution ?? [], '--execution');
  return {
    strategy: options.strategy,
    strategyParams: strategyParams(options.param ?? [], strategy),
    risk: {
      positionSizeQuote: DEFAULT_POSITION_SIZE_QUOTE,
      ...parseKeyValues(options.risk ?? [], '--risk'),
    },
    ...(Object.keys(paper).length > 0 ? { paper } : {}),
    ...(Object.keys(filters).length > 0 ? { filters } : {}),
    ...(Object.keys(execution).length > 0 ? { execution } : {}),
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

/** The summary table; docs/backtesting.md defines each metric, `–` where one is undefined. */
export function describeResult(
  candles: number,
  result: Pick<Schemas['BacktestResponseDto'], 'metrics' | 'trades'>,
): [string, string][] {
  const { metrics } = result;
  const or = <T>(value: T | null, show: (value: T) => string) =>
    value === null ? '–' : show(value);
  const number = (value: string | null) => or(value, (text) => grouped(text, 2));
  return [
    ['candles', String(candles)],
    ['trades', String(result.trades.length)],
    ['round trips', String(metrics.roundTrips)],
    ['wins', String(metrics.wins)],
    ['win rate %', grouped(metrics.winRatePct, 2)],
    ['realized pnl', grouped(metrics.realizedPnl, 2)],
    ['final equity', grouped(metrics.finalEquity, 2)],
    ['return %', grouped(metrics.returnPct, 2)],
    ['max drawdown %', grouped(metrics.maxDrawdownPct, 2)],
    ['skipped entries', String(metrics.skippedEntries)],
    ['skipped by protections', String(metrics.skippedByProtections)],
    ['CAGR %', number(metrics.cagrPct)],
    ['sharpe', number(metrics.sharpe)],
    ['sortino', number(metrics.sortino)],
    ['calmar', number(metrics.calmar)],
    ['max drawdown duration', duration(metrics.maxDrawdownDurationMs)],
    ['profit factor', number(metrics.profitFactor)],
    ['expectancy', number(metrics.expectancy)],
    ['avg win', number(metrics.avgWin)],
    ['avg loss', number(metrics.avgLoss)],
    ['avg trade duration', or(metrics.avgTradeDurationMs, duration)],
    ['exposure %', grouped(metrics.exposurePct, 2)],
    ['fees paid', grouped(metrics.feesPaid, 2)],
    ['buy and hold %', number(metrics.buyAndHoldReturnPct)],
  ];
}

const UNITS: [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
];

/** A duration in its two largest whole units, like `3d 4h`, `2h` or `45s`; `0s` under a second. */
export function duration(ms: number): string {
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || parts.length > 0) parts.push(`${count}${unit}`);
  }
  const [first, second] = parts;
  if (first === undefined) return '0s';
  return second === undefined || second.startsWith('0') ? first : `${first} ${second}`;
}
