import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { CliError, ExitCode } from '../cli-error';
import type { CliContext } from '../cli-context';
import { jsonOption, Progress, writeJson } from '../output';
import { applyChanges } from './apply-changes';
import { type CheckedPackage, loadPackage, requireTrust } from './checked-package';
import { withInstallLock } from './install-lock';
import { type Problem, planChanges } from './installation-diff';
import {
  dataDirWithin,
  MANIFEST_FILE,
  showPath,
  TRUSTED_KEYS_FILE,
  WORK_FOLDER,
} from './installation-paths';
import {
  buildManifest,
  checkInstallation,
  isAbsent,
  readManifestFile,
  type ScanOptions,
} from './installation-scan';
import { registerKeysCommands } from './keys.commands';
import { type Manifest, parseManifest, serialiseManifest } from './manifest';
import { partialPathOf, publish, writeNewFile } from './output-file';
import { extractFiles, writeArchive } from './package-archive';
import { signManifest, type Trust } from './package-signature';
import { refuseLinks } from './path-links';
import { readPrivateKey } from './signing-keys';

interface RootOptions {
  root?: string;
  json?: boolean;
}

/** How update and repair take a package on trust (checked-package.ts). */
interface TrustOptions {
  sha256?: string;
  trustedKeys?: string;
}

/** manifest, verify, package, update, repair, keys: the installation's integrity, offline. */
export function registerIntegrityCommands(program: Command, context: CliContext): void {
  const rootOption = () =>
    new Option('--root <dir>', 'the installation (default: the one this tradebotctl is part of)');
  const shaOption = () =>
    new Option(
      '--sha256 <hex>',
      'accept the package only if the archive has this SHA-256 (as package printed it, from a source you trust); it then needs no signature',
    ).argParser((value: string) => {
      if (!/^[0-9a-fA-F]{64}$/.test(value)) throw new InvalidArgumentError('64 hex digits');
      return value;
    });
  const trustedKeysOption = () =>
    new Option(
      '--trusted-keys <file>',
      `the public keys whose signature is accepted, one a line (default: ROOT/${TRUSTED_KEYS_FILE})`,
    );
  const forceOption = () =>
    new Option('--force', 'replace the output file if it exists (default: refuse)');

  program
    .command('manifest')
    .description(`write the SHA-256 of every file of the installation to ${MANIFEST_FILE}`)
    .addOption(rootOption())
    .option('--out <file>', `where to write it (default: ROOT/${MANIFEST_FILE})`)
    .addOption(forceOption())
    .addOption(jsonOption())
    .action((options: RootOptions & { out?: string; force?: boolean }) =>
      writeManifest(context, options),
    );

  program
    .command('verify')
    .description(
      'check the installation against its manifest: exit 1 naming each file that is ' +
        'modified, missing, or unexpected (anywhere under ROOT but the root node_modules, ' +
        'DATA_DIR and the secrets at the root)',
    )
    .addOption(rootOption())
    .option('--manifest <file>', `the manifest to check against (default: ROOT/${MANIFEST_FILE})`)
    .addOption(jsonOption())
    .action((options: RootOptions & { manifest?: string }) => verify(context, options));

  program
    .command('package')
    .description('pack the installation and its manifest into a .tar.gz; prints its SHA-256')
    .addOption(rootOption())
    .option('--out <file>', 'the archive (default: NAME-VERSION.tar.gz here)')
    .option(
      '--sign <keyfile>',
      'sign the manifest with this ed25519 private key (made by tradebotctl keys generate)',
    )
    .addOption(forceOption())
    .addOption(jsonOption())
    .action((options: RootOptions & { out?: string; sign?: string; force?: boolean }) =>
      writePackage(context, options),
    );

  program
    .command('update')
    .description(
      'install a package signed by a trusted key (or given --sha256): check it, back up ' +
        'what it replaces, swap, verify, roll back on failure',
    )
    .argument('<package>', 'a .tar.gz made by tradebotctl package')
    .addOption(rootOption())
    .addOption(shaOption())
    .addOption(trustedKeysOption())
    .addOption(jsonOption())
    .action((file: string, options: RootOptions & TrustOptions) => update(context, file, options))
    .addHelpText(
      'after',
      '\nUnexpected files (not in the new manifest) are moved to the backup, not deleted.',
    );

  program
    .command('repair')
    .description(
      'restore missing and modified files from a package signed by a trusted key (or ' +
        'given --sha256), move unexpected ones to the backup, then verify',
    )
    .requiredOption('--from <package>', 'a package holding the manifest’s files')
    .addOption(rootOption())
    .option('--manifest <file>', `the manifest to repair to (default: ROOT/${MANIFEST_FILE})`)
    .addOption(shaOption())
    .addOption(trustedKeysOption())
    .addOption(jsonOption())
    .action((options: RootOptions & TrustOptions & { from: string; manifest?: string }) =>
      repair(context, options),
    );

  registerKeysCommands(program, context);
}

function rootOf(context: CliContext, options: RootOptions): string {
  return resolve(context.cwd, options.root ?? context.defaultRoot);
}

function scanOptions(context: CliContext, root: string, progress: Progress, label: string) {
  return {
    dataDir: dataDirWithin(root, context.env.DATA_DIR, context.cwd),
    onProgress: (done: number, total: number) => progress.count(label, done, total),
  } satisfies ScanOptions;
}

const describeProblem = (problem: Problem) => `${problem.kind} ${showPath(problem.path)}`;

async function writeManifest(
  context: CliContext,
  options: RootOptions & { out?: string; force?: boolean },
) {
  const root = rootOf(context, options);
  const progress = new Progress(context.stderr);
  const manifest = await buildManifest(root, scanOptions(context, root, progress, 'hashing'));
  progress.done();
  const out = resolve(context.cwd, options.out ?? join(root, MANIFEST_FILE));
  await writeNewFile(out, serialiseManifest(manifest), { mode: 0o644, replace: options.force });
  const summary = { file: out, name: manifest.name, version: manifest.version };
  if (options.json) {
    writeJson(context.stdout, {
      ...summary,
      files: manifest.files.length,
      createdAt: manifest.createdAt,
    });
  } else {
    context.stdout.write(
      `wrote ${out}: ${manifest.files.length} files of ${manifest.name} ${manifest.version}\n`,
    );
  }
}

async function verify(context: CliContext, options: RootOptions & { manifest?: string }) {
  const root = rootOf(context, options);
  const manifestPath = resolve(context.cwd, options.manifest ?? join(root, MANIFEST_FILE));
  const manifest = await readManifestFile(manifestPath);
  const progress = new Progress(context.stderr);
  const problems = await checkInstallation(
    root,
    manifest,
    scanOptions(context, root, progress, 'verifying'),
  );
  progress.done();
  if (problems.length > 0) context.exitCode = ExitCode.Failed;
  if (options.json) {
    writeJson(context.stdout, {
      ok: problems.length === 0,
      root,
      manifest: manifestPath,
      version: manifest.version,
      files: manifest.files.length,
      problems,
    });
  } else if (problems.length === 0) {
    context.stdout.write(
      `ok: ${manifest.files.length} files match ${manifestPath} (${manifest.name} ${manifest.version})\n`,
    );
  } else {
    context.stdout.write(problems.map((problem) => `${describeProblem(problem)}\n`).join(''));
    context.stderr.write(`${problems.length} problem(s): ${root} does not match ${manifestPath}\n`);
  }
}

async function writePackage(
  context: CliContext,
  options: RootOptions & { out?: string; sign?: string; force?: boolean },
) {
  const root = rootOf(context, options);
  // The key first: a bad one fails before minutes of hashing.
  const key = options.sign ? await readPrivateKey(resolve(context.cwd, options.sign)) : undefined;
  const progress = new Progress(context.stderr);
  const manifest = await buildManifest(root, scanOptions(context, root, progress, 'hashing'));
  const text = serialiseManifest(manifest);
  const signature = key ? signManifest(text, key) : undefined;
  const out = resolve(context.cwd, options.out ?? `${manifest.name}-${manifest.version}.tar.gz`);
  const partial = partialPathOf(out);
  try {
    progress.update(`packing ${manifest.files.length} files`);
    await writeArchive(partial, root, manifest, text, signature);
    // Read back as update will: a file that changed while it was packed fails here.
    const written = await loadPackage(partial, undefined, progress);
    await publish(partial, out, options.force ?? false);
    progress.done();
    const summary = {
      file: out,
      sha256: written.sha256,
      name: manifest.name,
      version: manifest.version,
      signed: signature !== undefined,
    };
    if (options.json) writeJson(context.stdout, { ...summary, files: manifest.files.length });
    else {
      context.stdout.write(
        `wrote ${out}: ${manifest.files.length} files of ${manifest.name} ${manifest.version}` +
          `${signature ? ', signed' : ''}\n${written.sha256}  ${basename(out)}\n`,
      );
    }
  } finally {
    progress.done();
    await rm(partial, { force: true });
  }
}

/** Loads a package for update or repair: whole, matching its manifest, and trusted. */
async function loadTrusted(
  context: CliContext,
  root: string,
  file: string,
  options: TrustOptions,
  progress: Progress,
): Promise<CheckedPackage & { trust: Trust }> {
  const checked = await loadPackage(file, options.sha256, progress);
  const trustedKeysFile = resolve(
    context.cwd,
    options.trustedKeys ?? join(root, TRUSTED_KEYS_FILE),
  );
  const trust = await requireTrust(file, checked, { sha256: options.sha256, trustedKeysFile });
  return { ...checked, trust };
}

const describeTrust = (trust: Trust) =>
  trust.by === 'signature'
    ? `accepted: signed by trusted key ${trust.keyId}`
    : 'accepted: its SHA-256 is the one given';

async function update(context: CliContext, file: string, options: RootOptions & TrustOptions) {
  const root = rootOf(context, options);
  const packagePath = resolve(context.cwd, file);
  const progress = new Progress(context.stderr);
  // Checked before the lock: a refused package leaves the installation untouched.
  const checked = await loadTrusted(context, root, packagePath, options, progress);
  const target = checked.manifest;
  await withInstallLock(
    root,
    async () => {
      const manifestPath = join(root, MANIFEST_FILE);
      const previousText = await readFile(manifestPath, 'utf8').catch((error: unknown) => {
        if (isAbsent(error)) return undefined;
        throw error;
      });
      const previous = previousText === undefined ? undefined : tryParse(previousText);
      const scan = scanOptions(context, root, progress, 'comparing');
      const plan = planChanges(await checkInstallation(root, target, scan));
      progress.done();
      if (
        plan.place.length === 0 &&
        plan.remove.length === 0 &&
        previousText === checked.manifestText
      ) {
        report(context, options, `${root} is already ${target.name} ${target.version}`, {
          from: previous?.version ?? null,
          to: target.version,
          replaced: [],
          added: [],
          removed: [],
          backup: null,
        });
        return;
      }
      await refuseLinks(root, [...plan.place, ...plan.remove, MANIFEST_FILE]);
      const applied = await swapIn(context, root, packagePath, checked, {
        place: plan.place,
        remove: plan.remove,
        label: 'update',
        verifyAgainst: target,
        placeManifest: true,
      });
      const dependenciesChanged = plan.place.includes('package-lock.json');
      report(
        context,
        options,
        [
          describeTrust(checked.trust),
          `updated ${root} to ${target.name} ${target.version} ` +
            `(${previous ? `was ${previous.version}` : 'it had no manifest'}): ` +
            `${applied.replaced.length} replaced, ${applied.added.length} added, ` +
            `${applied.removed.length} removed; the previous files are in ${applied.backup}`,
          ...(dependenciesChanged
            ? [`dependencies changed: run npm ci --omit=dev in ${root} before restarting`]
            : []),
          'restart tradebot to run it (migrations run at start)',
        ].join('\n'),
        {
          from: previous?.version ?? null,
          to: target.version,
          ...applied,
          dependenciesChanged,
          trust: checked.trust,
        },
      );
    },
    context.stderr,
  );
}

async function repair(
  context: CliContext,
  options: RootOptions & TrustOptions & { from: string; manifest?: string },
) {
  const root = rootOf(context, options);
  const packagePath = resolve(context.cwd, options.from);
  const manifestPath = resolve(context.cwd, options.manifest ?? join(root, MANIFEST_FILE));
  await withInstallLock(
    root,
    async () => {
      const manifest = await readManifestFile(manifestPath);
      const progress = new Progress(context.stderr);
      const scan = scanOptions(context, root, progress, 'verifying');
      const problems = await checkInstallation(root, manifest, scan);
      progress.done();
      if (problems.length === 0) {
        report(context, options, `nothing to repair: ${manifest.files.length} files match`, {
          restored: [],
          removed: [],
          backup: null,
        });
        return;
      }
      const checked = await loadTrusted(context, root, packagePath, options, progress);
      const plan = planChanges(problems);
      const wanted = new Map(manifest.files.map((entry) => [entry.path, entry.sha256]));
      const offered = new Map(checked.manifest.files.map((entry) => [entry.path, entry.sha256]));
      const unavailable = plan.place.filter((path) => offered.get(path) !== wanted.get(path));
      if (unavailable.length > 0) {
        throw new CliError(
          `${packagePath} (${checked.manifest.name} ${checked.manifest.version}) cannot repair ${root}; nothing was changed`,
          unavailable.map((path) =>
            offered.has(path)
              ? `${showPath(path)} differs in the package`
              : `${showPath(path)} is not in the package`,
          ),
        );
      }
      await refuseLinks(root, [...plan.place, ...plan.remove]);
      const applied = await swapIn(context, root, packagePath, checked, {
        place: plan.place,
        remove: plan.remove,
        label: 'repair',
        verifyAgainst: manifest,
        placeManifest: false,
      });
      const lines = [
        describeTrust(checked.trust),
        ...plan.place.map((path) => `restored ${showPath(path)}`),
        ...applied.removed.map((path) => `moved aside ${showPath(path)}`),
        `repaired: ${manifest.files.length} files match ${manifestPath}; ` +
          `the files replaced or moved aside are in ${applied.backup}`,
      ];
      report(context, options, lines.join('\n'), {
        restored: plan.place,
        removed: applied.removed,
        backup: applied.backup,
        trust: checked.trust,
      });
    },
    context.stderr,
  );
}

/**
 * Extracts `place` from the checked package into a staging folder inside the installation
 * (so the swap is renames on one file system), swaps with a backup and verifies against
 * `verifyAgainst`. An update places the package's manifest too.
 */
async function swapIn(
  context: CliContext,
  root: string,
  packagePath: string,
  checked: CheckedPackage,
  plan: {
    place: string[];
    remove: string[];
    label: string;
    verifyAgainst: Manifest;
    /** An update brings the package's manifest along; a repair keeps the installation's. */
    placeManifest: boolean;
  },
) {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const staging = join(root, WORK_FOLDER, `staging-${stamp}`);
  const backup = join(root, WORK_FOLDER, 'backups', `${stamp}-${plan.label}`);
  const progress = new Progress(context.stderr);
  const hashes = new Map(checked.manifest.files.map((entry) => [entry.path, entry.sha256]));
  try {
    await mkdir(staging, { recursive: true });
    await extractFiles(
      packagePath,
      new Map(plan.place.map((path) => [path, hashes.get(path) as string])),
      staging,
      (done, total) => progress.count('extracting', done, total),
    );
    if (plan.placeManifest) {
      await writeFile(join(staging, MANIFEST_FILE), checked.manifestText, { flag: 'wx' });
    }
    progress.update('swapping');
    const applied = await applyChanges({
      root,
      staging,
      backup,
      place: plan.placeManifest ? [...plan.place, MANIFEST_FILE] : plan.place,
      remove: plan.remove,
      verify: async () =>
        (
          await checkInstallation(
            root,
            plan.verifyAgainst,
            scanOptions(context, root, progress, 'verifying'),
          )
        ).map(describeProblem),
    });
    const visible = (paths: string[]) => paths.filter((path) => path !== MANIFEST_FILE);
    return {
      replaced: visible(applied.replaced),
      added: visible(applied.added),
      removed: applied.removed,
      backup,
    };
  } catch (error) {
    if (error instanceof CliError) {
      throw new CliError(`${plan.label} failed: ${error.message}`, error.details);
    }
    throw error;
  } finally {
    progress.done();
    await rm(staging, { recursive: true, force: true });
  }
}

function report(context: CliContext, options: RootOptions, text: string, json: object): void {
  if (options.json) writeJson(context.stdout, json);
  else context.stdout.write(`${text}\n`);
}

/** The installation's own manifest, for its file list only: unreadable means unknown. */
function tryParse(text: string): Manifest | undefined {
  try {
    return parseManifest(text, MANIFEST_FILE);
  } catch {
    return undefined;
  }
}
