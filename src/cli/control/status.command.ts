import type { Command } from 'commander';
import { ExitCode } from '../cli-error';
import type { CliContext } from '../cli-context';
import { formatRecord, jsonOption, writeJson } from '../output';
import { ApiClient, ApiError, type Schemas } from './api-client';
import { listBots } from './bots.commands';
import { currentServer, type ServerOptions, tokenStore, urlOption } from './server-session';

type Health = Schemas['HealthReportDto'];

/** status: the server's health (no login needed) and, logged in, bots by status. */
export function registerStatusCommand(program: Command, context: CliContext): void {
  program
    .command('status')
    .description("the server's health, and the bots by status (all of them for an admin)")
    .addOption(urlOption())
    .addOption(jsonOption())
    .action(async (options: ServerOptions) => {
      const { server } = await currentServer(context, options);
      const health = await readHealth(new ApiClient(server));
      const bots = await countBots(context, server);
      if (health.status !== 'ok') context.exitCode = ExitCode.Failed;
      if (options.json) return writeJson(context.stdout, { server, health, bots });
      context.stdout.write(
        formatRecord([
          ['server', server],
          ['health', describeHealth(health)],
          ['bots', describeBots(bots)],
        ]),
      );
    });
}

/** /health answers 503 with the same report when a dependency is down. */
async function readHealth(client: ApiClient): Promise<Health> {
  try {
    return await client.call('get', '/health');
  } catch (error) {
    if (error instanceof ApiError && error.status === 503 && isHealth(error.body))
      return error.body;
    throw error;
  }
}

type BotCounts =
  | { scope: 'all users' | 'yours'; byStatus: Record<string, number> }
  | { scope: 'unknown'; reason: string };

async function countBots(context: CliContext, server: string): Promise<BotCounts> {
  const saved = await tokenStore(context).get(server);
  if (!saved) return { scope: 'unknown', reason: 'not logged in (tradebotctl login)' };
  const client = new ApiClient(server, saved.accessToken);
  try {
    const me = await client.call('get', '/api/users/me');
    const admin = me.role === 'admin';
    const byStatus: Record<string, number> = {};
    for (const bot of await listBots(client, admin)) {
      byStatus[bot.status] = (byStatus[bot.status] ?? 0) + 1;
    }
    return { scope: admin ? 'all users' : 'yours', byStatus };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return { scope: 'unknown', reason: 'the saved token was refused (tradebotctl login)' };
    }
    throw error;
  }
}

function describeHealth(health: Health): string {
  const dependencies = [health.database, ...(health.redis ? [health.redis] : [])].map(
    (dependency) =>
      `${dependency.kind} ${dependency.status}${dependency.error ? ` (${dependency.error})` : ''}`,
  );
  return `${health.status}: ${dependencies.join(', ')}`;
}

function describeBots(bots: BotCounts): string {
  if (bots.scope === 'unknown') return bots.reason;
  const counts = Object.entries(bots.byStatus).map(([status, count]) => `${count} ${status}`);
  return `${counts.length > 0 ? counts.join(', ') : 'none'} (${bots.scope})`;
}

function isHealth(body: unknown): body is Health {
  return typeof body === 'object' && body !== null && 'database' in body && 'status' in body;
}
