import { createHash } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Writable } from 'node:stream';
import { create, extract } from 'tar';
import type { CliContext } from '../cli-context';
import { runCli } from '../cli-program';

/**
 * The integrity commands run in-process through the CLI's own entry (runCli), on
 * throwaway installations: what verify reports, whom update and repair trust, and what
 * they refuse to write through or over.
 */
describe('tradebotctl integrity commands', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tradebot-integrity-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function tradebotctl(args: string[]) {
    let stdout = '';
    let stderr = '';
    const sink = (append: (text: string) => void) =>
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          append(chunk.toString());
          done();
        },
      }) as unknown as NodeJS.WriteStream;
    const context: CliContext = {
      defaultRoot: dir,
      stdin: process.stdin,
      stdout: sink((text) => (stdout += text)),
      stderr: sink((text) => (stderr += text)),
      env: {},
      cwd: dir,
      exitCode: 0,
    };
    const code = await runCli(['node', 'tradebotctl', ...args], context, '0.0.0');
    return { code, stdout, stderr };
  }

  function write(root: string, files: Record<string, string>): void {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
  }

  /** An installation of `version` at dir/name, with its manifest. */
  async function installation(name: string, version: string): Promise<string> {
    const root = join(dir, name);
    write(root, {
      'package.json': JSON.stringify({ name: 'tradebot', version }),
      'dist/src/main.js': `console.log('tradebot ${version}');\n`,
      'dist/src/bots/bots.service.js': `module.exports = '${version}';\n`,
      'docker/Dockerfile': 'FROM node:24\n',
      // The operator's, never part of the installation:
      'data/postgres.password': 'pw\n',
      '.env': 'JWT_SECRET=x\n',
      'node_modules/reflect-metadata/index.js': 'the real one\n',
    });
    expect(await tradebotctl(['manifest', '--root', root])).toMatchObject({ code: 0 });
    return root;
  }

  /** Packs the installation at `root` to dir/file, signed with `key` if given. */
  async function pack(root: string, file: string, key?: string): Promise<string> {
    const args = ['package', '--root', root, '--out', file, ...(key ? ['--sign', key] : [])];
    const packed = await tradebotctl(args);
    expect(packed).toMatchObject({ code: 0, stderr: '' });
    return join(dir, file);
  }

  const sha256Of = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

  /** Every entry under root with its content's hash (links as their target). */
  function snapshot(root: string): Record<string, string> {
    const entries: Record<string, string> = {};
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
      const path = join(entry.parentPath, entry.name);
      const key = relative(root, path);
      if (entry.isSymbolicLink()) entries[key] = `-> ${readlinkSync(path)}`;
      else if (entry.isDirectory()) entries[key] = 'folder';
      else entries[key] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
    return entries;
  }

  /** Unpacks `archive`, lets `change` edit the files, and packs them as dir/`file`. */
  async function repack(
    archive: string,
    file: string,
    change: (folder: string) => void,
  ): Promise<string> {
    const folder = mkdtempSync(join(dir, 'unpacked-'));
    const paths: string[] = [];
    await extract({
      file: archive,
      cwd: folder,
      onReadEntry: (entry) => void paths.push(entry.path),
    });
    change(folder);
    const out = join(dir, file);
    await create({ file: out, gzip: true, cwd: folder, portable: true }, paths);
    return out;
  }

  it('reports a file planted under a node_modules below the root; repair moves it aside', async () => {
    const root = await installation('installation', '1.0.0');
    const archive = await pack(root, 'release.tar.gz');
    write(root, {
      // Node resolves require('reflect-metadata') from dist/src/main.js here first.
      'dist/src/node_modules/reflect-metadata/index.js': 'planted\n',
      'node_modules/other/index.js': 'installed dependencies are not checked\n',
      'data/postgres/PG_VERSION': '18\n',
    });
    const verified = await tradebotctl(['verify', '--root', root]);
    expect(verified).toMatchObject({
      code: 1,
      stdout: 'unexpected dist/src/node_modules/reflect-metadata/index.js\n',
    });

    const repaired = await tradebotctl([
      'repair',
      '--root',
      root,
      '--from',
      archive,
      '--sha256',
      sha256Of(archive),
    ]);
    expect(repaired.stderr).toBe('');
    expect(repaired.stdout).toContain(
      'moved aside dist/src/node_modules/reflect-metadata/index.js\n',
    );
    expect(existsSync(join(root, 'dist/src/node_modules/reflect-metadata/index.js'))).toBe(false);
    expect(await tradebotctl(['verify', '--root', root])).toMatchObject({ code: 0 });
  });

  describe('whom update and repair trust', () => {
    let root: string;
    let next: string;
    let keyId: string;

    beforeEach(async () => {
      root = await installation('installation', '1.0.0');
      next = await installation('next', '2.0.0');
      const generated = await tradebotctl(['keys', 'generate', '--out', 'release.key', '--json']);
      expect(generated.code).toBe(0);
      keyId = (JSON.parse(generated.stdout) as { keyId: string }).keyId;
      expect(await tradebotctl(['keys', 'generate', '--out', 'stranger.key'])).toMatchObject({
        code: 0,
      });
      const trusted = await tradebotctl(['keys', 'trust', 'release.key.pub', '--root', root]);
      expect(trusted).toMatchObject({ code: 0, stderr: '' });
      expect(trusted.stdout).toContain(`now trusts key ${keyId}`);
    });

    const refused = async (args: string[], reason: string) => {
      const before = snapshot(root);
      const result = await tradebotctl(args);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(reason);
      expect(snapshot(root)).toEqual(before);
    };

    it('refuses a package that is unsigned, signed by a stranger, or whose signature does not match', async () => {
      const unsigned = await pack(next, 'unsigned.tar.gz');
      await refused(['update', unsigned, '--root', root], 'it is not signed');

      const stranger = await pack(next, 'stranger.tar.gz', 'stranger.key');
      await refused(['update', stranger, '--root', root], 'which this installation does not trust');

      // A trusted signature moved onto another manifest (same files, another version).
      const signed = await pack(next, 'signed.tar.gz', 'release.key');
      const forged = await repack(signed, 'forged.tar.gz', (folder) => {
        const path = join(folder, 'tradebot.manifest.json');
        writeFileSync(path, readFileSync(path, 'utf8').replace('"2.0.0"', '"2.0.1"'));
      });
      await refused(
        ['update', forged, '--root', root],
        `its signature by key ${keyId} does not match its manifest`,
      );
    });

    it('updates from a package signed by a trusted key, or with the --sha256 given', async () => {
      const signed = await pack(next, 'signed.tar.gz', 'release.key');
      const updated = await tradebotctl(['update', signed, '--root', root]);
      expect(updated.stderr).toBe('');
      expect(updated).toMatchObject({ code: 0 });
      expect(updated.stdout).toContain(`accepted: signed by trusted key ${keyId}\n`);
      expect(readFileSync(join(root, 'dist/src/main.js'), 'utf8')).toContain('2.0.0');

      const third = await installation('third', '3.0.0');
      const unsigned = await pack(third, 'unsigned.tar.gz');
      const byHash = await tradebotctl([
        'update',
        unsigned,
        '--root',
        root,
        '--sha256',
        sha256Of(unsigned),
      ]);
      expect(byHash).toMatchObject({ code: 0, stderr: '' });
      expect(byHash.stdout).toContain('accepted: its SHA-256 is the one given\n');
      expect(readFileSync(join(root, 'dist/src/main.js'), 'utf8')).toContain('3.0.0');
    });

    it('repairs only from a trusted package', async () => {
      const unsigned = await pack(root, 'unsigned.tar.gz');
      const signed = await pack(root, 'signed.tar.gz', 'release.key');
      appendFileSync(join(root, 'dist/src/main.js'), 'process.exit(1);\n');
      await refused(['repair', '--root', root, '--from', unsigned], 'it is not signed');
      const repaired = await tradebotctl(['repair', '--root', root, '--from', signed]);
      expect(repaired).toMatchObject({ code: 0, stderr: '' });
      expect(repaired.stdout).toContain('restored dist/src/main.js\n');
      expect(await tradebotctl(['verify', '--root', root])).toMatchObject({ code: 0 });
    });

    it('refuses a manifest whose folders name more than a release ships', async () => {
      const unsigned = await pack(next, 'unsigned.tar.gz');
      const wider = await repack(unsigned, 'wider.tar.gz', (folder) => {
        const path = join(folder, 'tradebot.manifest.json');
        const manifest = JSON.parse(readFileSync(path, 'utf8')) as { folders: string[] };
        manifest.folders.push('scripts');
        writeFileSync(path, JSON.stringify(manifest));
      });
      await refused(
        ['update', wider, '--root', root, '--sha256', sha256Of(wider)],
        'folder scripts is not one a release ships (dist, docker)',
      );
    });
  });

  it('refuses to change files through a symbolic link on their path', async () => {
    const root = await installation('installation', '1.0.0');
    const archive = await pack(await installation('next', '2.0.0'), 'next.tar.gz');
    // dist/src/bots made a link to a folder outside: writes there would land outside.
    const outside = join(dir, 'outside');
    renameSync(join(root, 'dist/src/bots'), outside);
    symlinkSync(outside, join(root, 'dist/src/bots'));
    const before = snapshot(outside);
    const result = await tradebotctl([
      'update',
      archive,
      '--root',
      root,
      '--sha256',
      sha256Of(archive),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('a link would take files elsewhere');
    expect(result.stderr).toContain(`dist/src/bots is a symbolic link (to ${outside}): remove it`);
    expect(snapshot(outside)).toEqual(before);
    expect(readFileSync(join(root, 'dist/src/main.js'), 'utf8')).toContain('1.0.0');

    // tradebotctl's working folder (staging, backups) as a link is refused too.
    unlinkSync(join(root, 'dist/src/bots')); // the link, not what it points to (Node 24's rmSync refuses it)
    renameSync(outside, join(root, 'dist/src/bots'));
    mkdirSync(join(dir, 'elsewhere'));
    symlinkSync(join(dir, 'elsewhere'), join(root, '.tradebot'));
    const viaWork = await tradebotctl([
      'update',
      archive,
      '--root',
      root,
      '--sha256',
      sha256Of(archive),
    ]);
    expect(viaWork.code).toBe(1);
    expect(viaWork.stderr).toContain('.tradebot is a symbolic link');
    expect(readdirSync(join(dir, 'elsewhere'))).toEqual([]);
  });

  it('never writes over an existing file or through a link planted at the output', async () => {
    const root = await installation('installation', '1.0.0');
    writeFileSync(join(dir, 'taken.tar.gz'), 'keep me');
    const packed = await tradebotctl(['package', '--root', root, '--out', 'taken.tar.gz']);
    expect(packed.code).toBe(1);
    expect(packed.stderr).toContain('taken.tar.gz exists already');
    expect(readFileSync(join(dir, 'taken.tar.gz'), 'utf8')).toBe('keep me');

    symlinkSync(join(dir, 'victim'), join(dir, 'planted.tar.gz'));
    const viaLink = await tradebotctl(['package', '--root', root, '--out', 'planted.tar.gz']);
    expect(viaLink.code).toBe(1);
    expect(existsSync(join(dir, 'victim'))).toBe(false);

    const manifest = readFileSync(join(root, 'tradebot.manifest.json'), 'utf8');
    write(root, { 'dist/src/extra.js': 'x\n' });
    expect(await tradebotctl(['manifest', '--root', root])).toMatchObject({ code: 1 });
    expect(readFileSync(join(root, 'tradebot.manifest.json'), 'utf8')).toBe(manifest);
    expect(await tradebotctl(['manifest', '--root', root, '--force'])).toMatchObject({ code: 0 });
    expect(readFileSync(join(root, 'tradebot.manifest.json'), 'utf8')).toContain('extra.js');

    writeFileSync(join(dir, 'mine.key'), 'not to be lost');
    expect(await tradebotctl(['keys', 'generate', '--out', 'mine.key'])).toMatchObject({ code: 1 });
    expect(readFileSync(join(dir, 'mine.key'), 'utf8')).toBe('not to be lost');
    // Nothing left behind by the refused writes.
    expect(readdirSync(dir).filter((name) => name.includes('.partial'))).toEqual([]);
  });
});
