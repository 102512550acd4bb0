import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { formatRecord, formatTable, jsonOption, writeJson } from '../output';
import { normaliseServer, serverKey } from './api-client';
import { contextStore, currentServer, tokenStore } from './server-session';

/** context [show] | set URL | list: the server the other commands talk to. */
export function registerContextCommand(program: Command, context: CliContext): void {
  const command = program
    .command('context')
    .description(
      'the current server: where commands go without --url (TRADEBOT_URL overrides it in a shell)',
    );

  command
    .command('show', { isDefault: true })
    .description('the current server, where it is set, and the account logged in there')
    .addOption(jsonOption())
    .action(async (options: { json?: boolean }) => {
      const { server, source } = await currentServer(context, {});
      const email = (await tokenStore(context).get(server))?.email ?? null;
      if (options.json) return writeJson(context.stdout, { server, source, email });
      context.stdout.write(
        formatRecord([
          ['server', server],
          ['set by', source],
          ['logged in', email ?? 'no (tradebotctl login)'],
        ]),
      );
    });

  command
    .command('set')
    .description('make a server the current one')
    .argument('<url>', 'like http://localhost:3000')
    .action(async (url: string) => {
      const server = normaliseServer(url);
      await contextStore(context).setCurrent(server);
      context.stdout.write(`current server: ${server}\n`);
      if (context.env.TRADEBOT_URL) {
        context.stdout.write(
          `(TRADEBOT_URL=${context.env.TRADEBOT_URL} still wins in this shell)\n`,
        );
      }
    });

  command
    .command('list')
    .description('the servers logged in to, the current one marked *')
    .addOption(jsonOption())
    .action(async (options: { json?: boolean }) => {
      const { server: current } = await currentServer(context, {});
      const logins = Object.entries(await tokenStore(context).list()).map(([server, login]) => ({
        server,
        email: login.email,
        current: serverKey(server) === serverKey(current),
      }));
      const rows = logins.some((login) => login.current)
        ? logins
        : [{ server: current, email: null, current: true }, ...logins];
      if (options.json) return writeJson(context.stdout, rows);
      context.stdout.write(
        formatTable(
          ['', 'SERVER', 'LOGGED IN AS'],
          rows.map((row) => [row.current ? '*' : '', row.server, row.email ?? '']),
        ),
      );
    });
}
