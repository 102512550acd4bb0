import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { CliError, UsageError } from '../cli-error';
import type { CliContext } from '../cli-context';
import { splitSymbol } from '../../exchange/symbol-assets';
import { amount, grouped, price, quantity } from '../numbers';
import { formatRecord, formatTable, jsonOption, writeJson } from '../output';
import type { ApiClient, Schemas } from './api-client';
import { isBotId, resolveBot } from './bot-ref';
import { collect } from './key-values';
import { currentServer, type ServerOptions, signedInClient, urlOption } from './server-session';
import { findStrategy, strategyParams } from './strategy-params';

/** The API's largest page: `bots ls` reads every page. */
const PAGE = 500;

/** A bot argument: its name or a unique prefix of its id, or the whole id. */
const BOT = ['<bot>', 'the name of the bot, or its id or a unique prefix of it'] as const;

/** bots ls | show | create | start | stop | trades | rm | signal-passphrase. */
export function registerBotsCommands(program: Command, context: CliContext): void {
  const bots = program.command('bots').description('your bots on the server');
  const withServer = (command: Command) => command.addOption(urlOption()).addOption(jsonOption());

  withServer(
    bots.command('ls').description('list bots').option('--all', "every user's bots (admins only)"),
  ).action(async (options: ServerOptions & { all?: boolean }) => {
    const client = await signedInClient(context, options);
    const items = await listBots(client, options.all === true);
    if (options.json) return writeJson(context.stdout, items);
    context.stdout.write(
      formatTable(
        ['ID', 'NAME', 'SYMBOL', 'INTERVAL', 'MODE', 'STRATEGY', 'STATUS'],
        items.map((bot) => [
          bot.id,
          bot.name,
          bot.symbol,
          bot.interval,
          bot.mode,
          bot.strategy,
          bot.status,
        ]),
      ),
    );
  });

  withServer(
    bots
      .command('show')
      .description("a bot's configuration and state")
      .argument(...BOT),
  ).action(async (ref: string, options: ServerOptions) => {
    const client = await signedInClient(context, options);
    const params = { id: await botId(client, ref) };
    const bot = await client.call('get', '/api/bots/{id}', { params });
    const state = await client.call('get', '/api/bots/{id}/state', { params });
    if (options.json) return writeJson(context.stdout, { bot, state });
    context.stdout.write(formatRecord(describeBot(bot, state)));
  });

  withServer(
    bots
      .command('create')
      .description('create a bot from a JSON file (the body of POST /api/bots; - reads stdin)')
      .requiredOption('--file <file>', 'the bot as JSON')
      .option(
        '--param <key=value>',
        "a strategy param, over the file's strategyParams; repeat for more",
        collect,
      ),
  ).action(async (options: ServerOptions & { file: string; param?: string[] }) => {
    const client = await signedInClient(context, options);
    const body = (await readJsonFile(context, options.file)) as Schemas['CreateBotDto'];
    if (options.param?.length) {
      const strategy = await findStrategy(client, body.strategy);
      body.strategyParams = {
        ...body.strategyParams,
        ...strategyParams(options.param, strategy),
      } as Schemas['CreateBotDto']['strategyParams'];
    }
    const bot = await client.call('post', '/api/bots', { body });
    if (options.json) return writeJson(context.stdout, bot);
    context.stdout.write(`created bot ${bot.id} (${bot.name}): ${bot.status}\n`);
    // An external-signal bot's passphrase: this answer is the only one that carries it.
    if (bot.signalPassphrase) {
      const { server } = await currentServer(context, options);
      context.stdout.write(signalSetup(server, bot.id, bot.signalPassphrase));
    }
  });

  withServer(
    bots
      .command('start')
      .description('start a bot')
      .argument(...BOT),
  ).action(async (ref: string, options: ServerOptions) => {
    const client = await signedInClient(context, options);
    const id = await botId(client, ref);
    const answer = await client.call('post', '/api/bots/{id}/start', { params: { id } });
    if (options.json) return writeJson(context.stdout, answer);
    context.stdout.write(`bot ${answer.id}: ${answer.status}\n`);
  });

  withServer(
    bots
      .command('stop')
      .description('stop a bot')
      .argument(...BOT)
      .option('--close', 'sell the open position first (market order)'),
  ).action(async (ref: string, options: ServerOptions & { close?: boolean }) => {
    const client = await signedInClient(context, options);
    const answer = await client.call('post', '/api/bots/{id}/stop', {
      params: { id: await botId(client, ref) },
      body: { closePosition: options.close === true },
    });
    if (options.json) return writeJson(context.stdout, answer);
    context.stdout.write(`bot ${answer.id}: ${describeStop(answer)}\n`);
  });

  withServer(
    bots
      .command('trades')
      .description("a bot's fills, newest first")
      .argument(...BOT)
      .option('--limit <n>', 'at most this many (1 to 500)', '50')
      .option('--offset <n>', 'skip this many', '0'),
  ).action(async (ref: string, options: ServerOptions & { limit: string; offset: string }) => {
    const client = await signedInClient(context, options);
    const page = await client.call('get', '/api/bots/{id}/trades', {
      params: { id: await botId(client, ref) },
      query: {
        limit: integer('--limit', options.limit),
        offset: integer('--offset', options.offset),
      },
    });
    if (options.json) return writeJson(context.stdout, page);
    context.stdout.write(
      formatTable(
        ['TIME', 'SIDE', 'PRICE', 'QTY', 'VALUE', 'FEE', 'PNL', 'REASON'],
        page.items.map((trade) => {
          const { quoteAsset } = splitSymbol(trade.symbol);
          return [
            trade.time,
            trade.side,
            price(trade.price, quoteAsset),
            quantity(trade.qty),
            amount(trade.quoteQty, quoteAsset),
            amount(trade.fee, trade.feeAsset),
            trade.pnl === null ? '' : amount(trade.pnl, quoteAsset),
            trade.reason ?? '',
          ];
        }),
      ),
    );
    context.stdout.write(`${page.items.length} of ${page.total} trades\n`);
  });

  withServer(
    bots
      .command('rm')
      .description('delete a stopped bot')
      .argument(...BOT),
  ).action(async (ref: string, options: ServerOptions) => {
    const client = await signedInClient(context, options);
    const id = await botId(client, ref);
    await client.call('delete', '/api/bots/{id}', { params: { id } });
    if (options.json) return writeJson(context.stdout, { id, deleted: true });
    context.stdout.write(`deleted bot ${id}\n`);
  });

  withServer(
    bots
      .command('signal-passphrase')
      .description(
        "replace an external-signal bot's passphrase and print the new one (the old one stops working)",
      )
      .argument(...BOT),
  ).action(async (ref: string, options: ServerOptions) => {
    const client = await signedInClient(context, options);
    const id = await botId(client, ref);
    const answer = await client.call('post', '/api/bots/{id}/signal-passphrase', {
      params: { id },
    });
    if (options.json) return writeJson(context.stdout, answer);
    const { server } = await currentServer(context, options);
    context.stdout.write(`new signal passphrase for bot ${id}: the old one no longer works\n`);
    context.stdout.write(signalSetup(server, id, answer.signalPassphrase));
  });
}

/** What a TradingView alert needs (docs/external-signals.md), and that it is shown once. */
function signalSetup(server: string, botId: string, passphrase: string): string {
  return (
    formatRecord([
      ['bot id', botId],
      ['signal passphrase', passphrase],
      ['webhook URL', `${server}/api/signals`],
    ]) +
    'the passphrase is shown this once: keep it like a password ' +
    '(tradebotctl bots signal-passphrase replaces it)\n'
  );
}

/** Every page of GET /api/bots. */
export async function listBots(
  client: ApiClient,
  all: boolean,
): Promise<Schemas['BotResponseDto'][]> {
  const items: Schemas['BotResponseDto'][] = [];
  for (;;) {
    const page = await client.call('get', '/api/bots', {
      query: { limit: PAGE, offset: items.length, ...(all ? { all: true } : {}) },
    });
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}

/** The id a bot argument names; a whole id is taken as is, so an admin reaches any bot. */
async function botId(client: ApiClient, ref: string): Promise<string> {
  if (isBotId(ref)) return ref;
  return resolveBot(ref, await listBots(client, false)).id;
}

function describeBot(
  bot: Schemas['BotResponseDto'],
  state: Schemas['BotStateResponseDto'],
): [string, string][] {
  const { baseAsset, quoteAsset } = splitSymbol(bot.symbol);
  const write = (key: string, value: unknown) =>
    `${key}=${readable(key, String(value), baseAsset, quoteAsset)}`;
  const present = (record: object) =>
    Object.entries(record)
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([key, value]) => write(key, value))
      .join(', ');
  const params = Object.entries(bot.strategyParams)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  const balances = state.balances
    ? `${amount(state.balances.quote, quoteAsset)}, ${quantity(state.balances.base)} ${baseAsset}`
    : '';
  // A protection pausing entries (cooldown, stop-loss guard, drawdown): why, and until when.
  const paused: [string, string][] = state.protection
    ? [['entries paused', `${state.protection.reason}, until ${state.protection.until}`]]
    : [];
  return [
    ['id', bot.id],
    ['name', bot.name],
    ['market', `${bot.symbol} ${bot.interval} (${bot.mode})`],
    ['strategy', `${bot.strategy} ${params}`],
    ['risk', present(bot.risk)],
    ['status', state.statusText],
    ...paused,
    ['position', state.position ? present(state.position) : 'none'],
    ['realized pnl', amount(state.realizedPnl, quoteAsset)],
    ['balances', balances],
    ['last tick', state.lastTickAt ?? 'never'],
    ['last decision', state.lastDecision ?? ''],
    ['last error', state.lastError ?? ''],
  ];
}

/** A value of the risk or the position, written by what its name says it is. */
function readable(key: string, value: string, baseAsset: string, quoteAsset: string): string {
  if (key === 'qty') return `${quantity(value)} ${baseAsset}`;
  if (key.endsWith('Quote')) return amount(value, quoteAsset);
  if (key.endsWith('Price') || key === 'trailingHigh') return price(value, quoteAsset);
  if (key.endsWith('Pct')) return `${grouped(value, 2, true)}%`;
  return value;
}

async function readJsonFile(context: CliContext, file: string): Promise<unknown> {
  let text: string;
  try {
    text = file === '-' ? await readStream(context.stdin) : await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`${file} cannot be read: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not JSON: ${(error as Error).message}`);
  }
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function integer(option: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${option} must be a whole number, got ${value}`);
  return Number(value);
}

/** A stop that waits for an order says which one, and what happens when it settles. */
function describeStop({ status, awaitedOrder }: Schemas['StopBotResponseDto']): string {
  if (!awaitedOrder) return status;
  const order = `order ${awaitedOrder.clientOrderId}`;
  return status === 'stopped'
    ? `stopped (${order} is still being looked up)`
    : `${status}: stops, selling the position, once ${order} settles`;
}
