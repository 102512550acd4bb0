import { type Command, Option } from 'commander';
import { CliError } from '../cli-error';
import type { CliContext } from '../cli-context';
import { jsonOption, writeJson } from '../output';
import { ApiClient, ApiError } from './api-client';
import { promptHidden, readSecretFromStdin } from './password-input';
import {
  contextStore,
  currentServer,
  type ServerOptions,
  signedInClient,
  tokenStore,
  urlOption,
} from './server-session';

/** The admin the server creates on its first start, unless ADMIN_EMAIL says otherwise. */
const DEFAULT_EMAIL = 'admin@localhost';

interface PasswordOptions {
  passwordStdin?: boolean;
}

const passwordStdinOption = () =>
  new Option('--password-stdin', 'read the password from stdin instead of asking');

/**
 * login, logout and users add: whoever runs tradebotctl, and the accounts of the server.
 * Gives the `users` command, for the commands on accounts that need no server.
 */
export function registerSessionCommands(program: Command, context: CliContext): Command {
  program
    .command('login')
    .description(
      'log in and save the token (0600) for the other commands; --url makes the server current',
    )
    .addOption(urlOption())
    .option('--email <email>', `the account (default: the last one used here, or ${DEFAULT_EMAIL})`)
    .addOption(passwordStdinOption())
    .action((options: ServerOptions & PasswordOptions & { email?: string }) =>
      login(context, options),
    );

  program
    .command('logout')
    .description('revoke the token saved for the server, then forget it')
    .addOption(urlOption())
    .option('--local', 'only forget the token here; the server accepts it until it expires')
    .action((options: ServerOptions & { local?: boolean }) => logout(context, options));

  const users = program
    .command('users')
    .description('accounts: add (on the server, admins only), reset-password (on its database)');
  users
    .command('add')
    .description('create an account; the password is asked for, or read with --password-stdin')
    .argument('<email>')
    .addOption(
      new Option('--role <role>', 'user or admin').choices(['user', 'admin']).default('user'),
    )
    .addOption(passwordStdinOption())
    .addOption(urlOption())
    .addOption(jsonOption())
    .action(
      async (
        email: string,
        options: ServerOptions & PasswordOptions & { role: 'user' | 'admin' },
      ) => {
        const client = await signedInClient(context, options);
        const password = await readPassword(context, options, `Password for ${email}: `, true);
        const user = await client.call('post', '/api/users', {
          body: { email, password, role: options.role },
        });
        if (options.json) writeJson(context.stdout, user);
        else context.stdout.write(`created ${user.role} ${user.email} (${user.id})\n`);
      },
    );
  return users;
}

async function login(
  context: CliContext,
  options: ServerOptions & PasswordOptions & { email?: string },
): Promise<void> {
  const { server, source } = await currentServer(context, options);
  const store = tokenStore(context);
  const email = options.email ?? (await store.get(server))?.email ?? DEFAULT_EMAIL;
  const password = await readPassword(
    context,
    options,
    `Password for ${email} at ${server}: `,
    false,
  );
  const { accessToken } = await new ApiClient(server).call('post', '/api/auth/login', {
    body: { email, password },
  });
  await store.save(server, { email, accessToken, savedAt: new Date().toISOString() });
  // A server named on the command line is the one the next commands mean.
  if (source === '--url') await contextStore(context).setCurrent(server);
  context.stdout.write(`logged in to ${server} as ${email} (token saved in ${store.file})\n`);
}

/**
 * Revokes the token first and forgets it after, so a failure keeps it for another try. A 401
 * means the server accepts it no more (expired or revoked): nothing left to revoke.
 */
async function logout(context: CliContext, options: ServerOptions & { local?: boolean }) {
  const { server } = await currentServer(context, options);
  const store = tokenStore(context);
  const saved = await store.get(server);
  if (!saved) {
    context.stdout.write(`not logged in to ${server}\n`);
    return;
  }
  if (!options.local) {
    await new ApiClient(server, saved.accessToken)
      .call('post', '/api/auth/logout')
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) return;
        throw new CliError(`the token was not revoked, and is kept: ${(error as Error).message}`, [
          'run tradebotctl logout again, or forget it without revoking: tradebotctl logout --local',
        ]);
      });
  }
  await store.remove(server);
  context.stdout.write(`logged out of ${server}\n`);
}

/** From stdin when asked to, else from the terminal without echo (twice for a new one). */
async function readPassword(
  context: CliContext,
  options: PasswordOptions,
  prompt: string,
  confirm: boolean,
): Promise<string> {
  if (options.passwordStdin) return readSecretFromStdin(context.stdin);
  const password = await promptHidden(prompt, context.stdin, context.stderr);
  if (confirm && (await promptHidden('Again: ', context.stdin, context.stderr)) !== password) {
    throw new CliError('the two passwords differ; nothing was created');
  }
  return password;
}
