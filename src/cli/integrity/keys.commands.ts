import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { jsonOption, writeJson } from '../output';
import { TRUSTED_KEYS_FILE } from './installation-paths';
import { refuseLinks } from './path-links';
import { generateKeyFiles, trustKey } from './signing-keys';

/** keys generate and keys trust: the ed25519 keys of `package --sign`, `update` and `repair`. */
export function registerKeysCommands(program: Command, context: CliContext): void {
  const keys = program
    .command('keys')
    .description('signing keys for packages (package --sign; update and repair check them)');
  keys
    .command('generate')
    .description(
      'make an ed25519 key pair: the private key in FILE (mode 600), the public key in ' +
        `FILE.pub, a line for an installation's ${TRUSTED_KEYS_FILE}; ` +
        'never replaces a file, never prints the private key',
    )
    .requiredOption('--out <file>', 'where to write the private key (FILE.pub: the public key)')
    .addOption(jsonOption())
    .action(async (options: { out: string; json?: boolean }) => {
      const privatePath = resolve(context.cwd, options.out);
      const { publicPath, keyId, line } = await generateKeyFiles(privatePath);
      if (options.json) {
        writeJson(context.stdout, { privateKey: privatePath, publicKey: publicPath, keyId });
        return;
      }
      context.stdout.write(
        `wrote the private key ${privatePath}: keep it secret, off the installations\n` +
          `wrote the public key ${publicPath} (key ${keyId}):\n${line}` +
          `trust it on an installation with: tradebotctl keys trust ${publicPath}\n`,
      );
    });
  keys
    .command('trust')
    .description(
      `add a public key (a FILE.pub of keys generate) to ROOT/${TRUSTED_KEYS_FILE}: ` +
        'update and repair then accept packages it signed',
    )
    .argument('<pubfile>', 'the public key')
    .option('--root <dir>', 'the installation (default: the one this tradebotctl is part of)')
    .addOption(jsonOption())
    .action(async (pubfile: string, options: { root?: string; json?: boolean }) => {
      const root = resolve(context.cwd, options.root ?? context.defaultRoot);
      const source = resolve(context.cwd, pubfile);
      await refuseLinks(root, [TRUSTED_KEYS_FILE]);
      const file = join(root, TRUSTED_KEYS_FILE);
      const { keyId, added } = await trustKey(file, await readFile(source, 'utf8'), source);
      if (options.json) writeJson(context.stdout, { file, keyId, added });
      else {
        context.stdout.write(
          added ? `${file} now trusts key ${keyId}\n` : `${file} trusts key ${keyId} already\n`,
        );
      }
    });
}
