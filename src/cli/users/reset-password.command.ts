import type { Command } from 'commander';
import { PasswordHasher, generatePassword } from '../../users/passwords';
import { CliError, UsageError } from '../cli-error';
import type { CliContext } from '../cli-context';
import { readSecretFromStdin } from '../control/password-input';
import { checkNewPassword } from './new-password';
import { openUserDatabase } from './user-database';

interface ResetOptions {
  dataDir?: string;
  passwordStdin?: boolean;
}

/**
 * users reset-password: for the operator who holds the machine and lost the admin's
 * password (ADMIN_PASSWORD only sets the first one). Works on the database directly, with
 * the app stopped, and ends every session of the account.
 */
export function registerResetPasswordCommand(users: Command, context: CliContext): void {
  users
    .command('reset-password')
    .description(
      "set an account's password in the database itself, without the server, ending its " +
        'sessions; prints a new random password once, unless --password-stdin gives one',
    )
    .argument('<email>')
    .option(
      '--data-dir <dir>',
      'the DATA_DIR of an embedded-database install, with the app stopped ' +
        '(default: $DATA_DIR, else ./data; DATABASE_URL set: that database)',
    )
    .option('--password-stdin', 'read the new password from stdin instead of making one')
    .action((email: string, options: ResetOptions) => resetPassword(context, email, options));
}

async function resetPassword(context: CliContext, email: string, options: ResetOptions) {
  const databaseUrl = context.env.DATABASE_URL;
  if (databaseUrl && options.dataDir) {
    throw new UsageError('give --data-dir or DATABASE_URL, not both: the app uses DATABASE_URL');
  }
  const password = options.passwordStdin
    ? checkNewPassword(await readSecretFromStdin(context.stdin))
    : generatePassword();
  const passwordHash = await new PasswordHasher().hash(password);
  const database = await openUserDatabase(
    databaseUrl
      ? { databaseUrl }
      : { dataDir: options.dataDir ?? context.env.DATA_DIR ?? './data' },
    (line) => context.stderr.write(`${line}\n`),
  );
  let user: { email: string; role: string } | undefined;
  let admins: string[] = [];
  try {
    // Raising token_version ends every session the account has: its tokens name the old one.
    const updated = await database.client.query<{ email: string; role: string }>(
      'UPDATE user_account SET password_hash = $1, token_version = token_version + 1, ' +
        'updated_at = now() WHERE email = $2 RETURNING email, role',
      [passwordHash, email.toLowerCase()],
    );
    user = updated.rows[0];
    if (!user) {
      const found = await database.client.query<{ email: string }>(
        "SELECT email FROM user_account WHERE role = 'admin' ORDER BY created_at",
      );
      admins = found.rows.map((row) => row.email);
    }
  } finally {
    await database.close();
  }
  if (!user) {
    throw new CliError(`no account ${email.toLowerCase()} in ${database.where}`, [
      `admins there: ${admins.join(', ') || 'none'}`,
    ]);
  }
  context.stdout.write(
    `password of ${user.role} ${user.email} reset in ${database.where}; its sessions are ended\n`,
  );
  if (!options.passwordStdin) {
    context.stdout.write(`new password (shown only this once): ${password}\n`);
  }
}
