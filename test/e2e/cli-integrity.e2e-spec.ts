import { createHash } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { create, extract } from 'tar';
import { BUILT_CLI, ensureBuiltCli, runCli } from '../utils/built-cli';

/**
 * tradebotctl's integrity commands, run as a user runs them: the built CLI, in a child
 * process, on throwaway installations made of the real CLI (so that tradebotctl without
 * --root works on the installation it belongs to) and a few stand-in files.
 */
/**
 * The built files `entry` requires, itself included, following relative requires: the CLI
 * reaches beyond its folder (the kernel, the embedded database), and copying all of dist
 * would make every package in this spec several times larger.
 */
function requiredFiles(entry: string, found = new Set<string>()): Set<string> {
  if (found.has(entry)) return found;
  found.add(entry);
  for (const [, path] of readFileSync(entry, 'utf8').matchAll(/require\("(\.[^"]+)"\)/g)) {
    const file = join(dirname(entry), path);
    requiredFiles(existsSync(`${file}.js`) ? `${file}.js` : join(file, 'index.js'), found);
  }
  return found;
}

describe('tradebotctl manifest, verify, package, update, repair', () => {
  let dir: string;

  beforeAll(() => {
    ensureBuiltCli();
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tradebot-cli-integrity-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** An installation of `version` at dir/name; its CLI is the built one. */
  function makeInstallation(name: string, version: string): string {
    const root = join(dir, name);
    const built = dirname(dirname(BUILT_CLI));
    for (const file of requiredFiles(BUILT_CLI)) {
      const target = join(root, 'dist', 'src', relative(built, file));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(file, target);
    }
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'tradebot', version }, null, 2),
      'package-lock.json': '{"lockfileVersion": 3}',
      'openapi.json': '{"openapi": "3.0.0"}',
      'dist/src/main.js': `console.log('tradebot ${version}');\n`,
      'dist/src/bots/bots.service.js': 'module.exports = {};\n',
      'dist/src/worker.js': 'require("./main");\n',
      'dist/dashboard/index.html': '<!doctype html><title>tradebot</title>\n',
      'docker/Dockerfile': 'FROM node:24-bookworm-slim\n',
      // The operator's, never part of the installation:
      'data/postgres.password': 'do not touch\n',
      'data/postgres/PG_VERSION': '18\n',
      '.env': 'JWT_SECRET=secret-of-the-operator\n',
    };
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    // The CLI's dependencies, found as in a real installation.
    symlinkSync(join(process.cwd(), 'node_modules'), join(root, 'node_modules'));
    return root;
  }

  const cliOf = (root: string) => join(root, 'dist', 'src', 'cli', 'main.js');
  const tradebotctl = (root: string, args: string[]) =>
    runCli(args, { cli: cliOf(root), cwd: dir });

  /** Every entry under root with its content's hash (links as their target). */
  function snapshot(root: string): Record<string, string> {
    const entries: Record<string, string> = {};
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
      const path = join(entry.parentPath, entry.name);
      const key = relative(root, path);
      if (key.startsWith('node_modules/')) continue;
      if (entry.isSymbolicLink()) entries[key] = `-> ${readlinkSync(path)}`;
      else if (entry.isDirectory()) entries[key] = 'folder';
      else entries[key] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
    return entries;
  }

  /** A package's files unpacked to a folder, to build a tampered one from. */
  async function unpack(archive: string): Promise<{ folder: string; files: string[] }> {
    const folder = mkdtempSync(join(dir, 'unpacked-'));
    const files: string[] = [];
    await extract({
      file: archive,
      cwd: folder,
      onReadEntry: (entry) => void files.push(entry.path),
    });
    return { folder, files };
  }

  it('writes a manifest of the installation that verify then finds whole', async () => {
    const root = makeInstallation('installation', '1.0.0');
    const written = await tradebotctl(root, ['manifest']);
    expect(written).toMatchObject({ code: 0, stderr: '' });
    expect(written.stdout).toMatch(
      /^wrote .*tradebot\.manifest\.json: \d+ files of tradebot 1\.0\.0\n$/,
    );

    const manifest = JSON.parse(readFileSync(join(root, 'tradebot.manifest.json'), 'utf8'));
    const paths: string[] = manifest.files.map((file: { path: string }) => file.path);
    expect(manifest).toMatchObject({
      format: 1,
      name: 'tradebot',
      version: '1.0.0',
      folders: ['dist', 'docker'],
    });
    expect(paths).toEqual([...paths].sort());
    expect(paths).toEqual(
      expect.arrayContaining([
        'dist/src/cli/main.js',
        'dist/src/main.js',
        'dist/dashboard/index.html',
        'docker/Dockerfile',
        'openapi.json',
        'package-lock.json',
        'package.json',
      ]),
    );
    expect(paths.filter((path) => /^(data\/|node_modules|\.env)|\\/.test(path))).toEqual([]);
    const main = manifest.files.find((file: { path: string }) => file.path === 'dist/src/main.js');
    expect(main.sha256).toBe(
      createHash('sha256')
        .update(readFileSync(join(root, 'dist/src/main.js')))
        .digest('hex'),
    );

    const verified = await tradebotctl(root, ['verify']);
    expect(verified).toMatchObject({ code: 0, stderr: '' });
    expect(verified.stdout).toMatch(/^ok: \d+ files match /);
  });

  it('names a changed, a deleted and an added file and exits 1; repair --from a package restores them', async () => {
    const root = makeInstallation('installation', '1.0.0');
    expect((await tradebotctl(root, ['manifest'])).code).toBe(0);
    const archive = join(dir, 'tradebot-1.0.0.tar.gz');
    const packed = await tradebotctl(root, ['package', '--out', archive]);
    expect(packed.code).toBe(0);
    const sha256 = createHash('sha256').update(readFileSync(archive)).digest('hex');
    expect(packed.stdout).toContain(`${sha256}  tradebot-1.0.0.tar.gz\n`);
    const whole = snapshot(root);

    appendFileSync(join(root, 'dist/src/main.js'), 'process.exit(1);\n');
    unlinkSync(join(root, 'dist/src/worker.js'));
    writeFileSync(join(root, 'dist/src/bots/backdoor.js'), 'require("child_process");\n');
    appendFileSync(join(root, 'data/postgres/PG_VERSION'), 'data changes all the time\n');
    const damaged = await tradebotctl(root, ['verify']);
    expect(damaged.code).toBe(1);
    expect(damaged.stdout).toBe(
      'unexpected dist/src/bots/backdoor.js\nmodified dist/src/main.js\nmissing dist/src/worker.js\n',
    );
    const asJson = await tradebotctl(root, ['verify', '--json']);
    expect(asJson.code).toBe(1);
    expect(JSON.parse(asJson.stdout)).toMatchObject({
      ok: false,
      problems: [
        { kind: 'unexpected', path: 'dist/src/bots/backdoor.js' },
        { kind: 'modified', path: 'dist/src/main.js' },
        { kind: 'missing', path: 'dist/src/worker.js' },
      ],
    });

    const repaired = await tradebotctl(root, ['repair', '--from', archive, '--sha256', sha256]);
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toContain('restored dist/src/main.js\nrestored dist/src/worker.js\n');
    expect(repaired.stdout).toContain('moved aside dist/src/bots/backdoor.js\n');
    expect(await tradebotctl(root, ['verify'])).toMatchObject({ code: 0 });

    const after = snapshot(root);
    const backups = readdirSync(join(root, '.tradebot', 'backups'));
    expect(backups).toHaveLength(1);
    const backup = join(root, '.tradebot', 'backups', backups[0]);
    expect(readFileSync(join(backup, 'dist/src/bots/backdoor.js'), 'utf8')).toContain(
      'child_process',
    );
    expect(readFileSync(join(backup, 'dist/src/main.js'), 'utf8')).toContain('process.exit(1)');
    // Everything is as packaged, but the data (never touched) and the backup.
    const differs = Object.keys({ ...whole, ...after }).filter((key) => whole[key] !== after[key]);
    expect(differs.filter((key) => !key.startsWith('.tradebot'))).toEqual([
      'data/postgres/PG_VERSION',
    ]);
  });

  it('refuses to repair from a package of another version, changing nothing', async () => {
    const root = makeInstallation('installation', '1.0.0');
    const other = makeInstallation('other', '2.0.0');
    expect((await tradebotctl(root, ['manifest'])).code).toBe(0);
    const archive = join(dir, 'other.tar.gz');
    expect((await tradebotctl(other, ['package', '--out', archive])).code).toBe(0);
    unlinkSync(join(root, 'dist/src/main.js'));
    const before = snapshot(root);
    const sha256 = createHash('sha256').update(readFileSync(archive)).digest('hex');
    const refused = await tradebotctl(root, ['repair', '--from', archive, '--sha256', sha256]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('cannot repair');
    expect(refused.stderr).toContain('dist/src/main.js differs in the package');
    expect(snapshot(root)).toEqual(before);
  });

  it('updates to a package signed by a trusted key: replaced, added and dropped files, a backup, then verify passes', async () => {
    const root = makeInstallation('installation', '1.0.0');
    expect((await tradebotctl(root, ['manifest'])).code).toBe(0);
    const next = makeInstallation('next', '2.0.0');
    unlinkSync(join(next, 'dist/src/worker.js'));
    writeFileSync(join(next, 'dist/src/bots/engine.js'), 'module.exports = { version: 2 };\n');
    const key = join(dir, 'release.key');
    expect((await tradebotctl(next, ['keys', 'generate', '--out', key])).code).toBe(0);
    const archive = join(dir, 'tradebot-2.0.0.tar.gz');
    const packed = await tradebotctl(next, ['package', '--out', archive, '--sign', key]);
    expect(packed.stdout).toContain(', signed\n');

    const unsigned = await tradebotctl(root, ['update', archive]);
    expect(unsigned.code).toBe(1);
    expect(unsigned.stderr).toContain('which this installation does not trust');
    const trusted = await tradebotctl(root, ['keys', 'trust', `${key}.pub`]);
    expect(trusted.stdout).toMatch(/tradebot\.trusted-keys now trusts key [0-9a-f]{16}\n$/);

    const updated = await tradebotctl(root, ['update', archive]);
    expect(updated.stderr).toBe('');
    expect(updated.code).toBe(0);
    expect(updated.stdout).toMatch(/^accepted: signed by trusted key [0-9a-f]{16}\n/);
    // package.json and dist/src/main.js differ; engine.js is new; worker.js is dropped.
    expect(updated.stdout).toMatch(
      /updated .* to tradebot 2\.0\.0 \(was 1\.0\.0\): 2 replaced, 1 added, 1 removed; the previous files are in /,
    );
    const verified = await tradebotctl(root, ['verify']);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('(tradebot 2.0.0)');
    expect(readFileSync(join(root, 'dist/src/main.js'), 'utf8')).toBe(
      "console.log('tradebot 2.0.0');\n",
    );
    expect(existsSync(join(root, 'dist/src/worker.js'))).toBe(false);
    expect(readFileSync(join(root, 'data/postgres.password'), 'utf8')).toBe('do not touch\n');
    expect(readFileSync(join(root, '.env'), 'utf8')).toContain('secret-of-the-operator');

    const [backup] = readdirSync(join(root, '.tradebot', 'backups'));
    const saved = join(root, '.tradebot', 'backups', backup);
    expect(readFileSync(join(saved, 'dist/src/main.js'), 'utf8')).toBe(
      "console.log('tradebot 1.0.0');\n",
    );
    expect(existsSync(join(saved, 'dist/src/worker.js'))).toBe(true);
    expect(JSON.parse(readFileSync(join(saved, 'tradebot.manifest.json'), 'utf8')).version).toBe(
      '1.0.0',
    );

    const again = await tradebotctl(root, ['update', archive, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      to: '2.0.0',
      replaced: [],
      added: [],
      removed: [],
    });
  });

  describe('refuses a tampered package and leaves the installation as it was', () => {
    let root: string;
    let archive: string;
    let before: Record<string, string>;

    beforeEach(async () => {
      // One level down, so that ../ from the root is not where the test's own files are.
      root = makeInstallation('site/installation', '1.0.0');
      expect((await tradebotctl(root, ['manifest'])).code).toBe(0);
      const next = makeInstallation('next', '2.0.0');
      archive = join(dir, 'tradebot-2.0.0.tar.gz');
      expect((await tradebotctl(next, ['package', '--out', archive])).code).toBe(0);
      before = snapshot(root);
    });

    const refuse = async (tampered: string, reason: string) => {
      const result = await tradebotctl(root, ['update', tampered]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`error: refused ${tampered}`);
      expect(result.stderr).toContain(reason);
      expect(result.stdout).toBe('');
      expect(snapshot(root)).toEqual(before);
    };

    it('a file whose content no longer matches the manifest', async () => {
      const { folder, files } = await unpack(archive);
      appendFileSync(
        join(folder, 'dist/src/main.js'),
        'require("child_process").exec("curl evil");\n',
      );
      const tampered = join(dir, 'content.tar.gz');
      await create({ file: tampered, gzip: true, cwd: folder, portable: true }, files);
      await refuse(tampered, 'dist/src/main.js does not match the manifest (tampered or damaged)');
    });

    it('a path that escapes the root', async () => {
      const { folder, files } = await unpack(archive);
      writeFileSync(join(dir, 'escaped.sh'), 'echo pwned\n');
      const tampered = join(dir, 'traversal.tar.gz');
      // From the unpacked folder, ../escaped.sh; from the installation, a file beside it.
      const escaping = relative(folder, join(dir, 'escaped.sh'));
      await create({ file: tampered, gzip: true, cwd: folder, preservePaths: true }, [
        ...files,
        escaping,
      ]);
      await refuse(tampered, `unsafe path ${escaping}: escapes the root (..)`);
      expect(existsSync(join(dirname(root), 'escaped.sh'))).toBe(false);
    });

    it('a symbolic link', async () => {
      const { folder, files } = await unpack(archive);
      symlinkSync('/etc/passwd', join(folder, 'dist/src/passwd'));
      const tampered = join(dir, 'link.tar.gz');
      await create({ file: tampered, gzip: true, cwd: folder }, [...files, 'dist/src/passwd']);
      await refuse(tampered, 'dist/src/passwd is a symbolic link: only regular files are accepted');
    });

    it('an archive cut short, or another SHA-256 than the one asked for', async () => {
      const cut = join(dir, 'cut.tar.gz');
      const bytes = readFileSync(archive);
      writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
      const result = await tradebotctl(root, ['update', cut]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('cannot be read as a package');
      expect(snapshot(root)).toEqual(before);
      const wrongSha = await tradebotctl(root, ['update', archive, '--sha256', '0'.repeat(64)]);
      expect(wrongSha.code).toBe(1);
      expect(wrongSha.stderr).toContain(`expected ${'0'.repeat(64)}`);
      expect(snapshot(root)).toEqual(before);
    });
  });

  it('exits 2 on wrong usage, printing what is wrong', async () => {
    const root = makeInstallation('installation', '1.0.0');
    const missingArgument = await tradebotctl(root, ['update']);
    expect(missingArgument.code).toBe(2);
    expect(missingArgument.stderr).toContain("missing required argument 'package'");
    const unknown = await tradebotctl(root, ['verify', '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--bogus'");
    const noManifest = await tradebotctl(root, ['verify']);
    expect(noManifest.code).toBe(1);
    expect(noManifest.stderr).toContain('no manifest at');
  });
});
