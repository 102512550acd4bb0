// `npm start` runs this first: it builds only what differs from the last build, so a restart
// starts in a second or two instead of recompiling everything. Two parts, each with its
// stamp: the server (Nest) and the dashboard (Vite). `--dashboard` builds only the latter
// (the browser tests run the server from its sources).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (command, args, env = process.env) =>
  execFileSync(command, args, { cwd: root, stdio: 'inherit', env });

// The API's types, generated from openapi.json and git-ignored: each build writes its own
// (tradebotctl's, the dashboard's), and the digests read openapi.json instead.
const CLI_SCHEMA_TYPES = join('src', 'cli', 'api', 'schema.d.ts');
const SCHEMA_TYPES = join('dashboard', 'src', 'api', 'schema.d.ts');
const writeTypes = (output) => run(bin('openapi-typescript'), ['openapi.json', '-o', output]);

const server = {
  name: 'server',
  stamp: join('dist', '.sources.sha256'),
  files: [
    'package-lock.json',
    'nest-cli.json',
    'tsconfig.json',
    'tsconfig.build.json',
    'ormconfig.ts',
    'openapi.json',
  ],
  folders: ['src'],
  // nest-cli.json's deleteOutDir empties dist, the dashboard and its stamp included.
  build: () => {
    writeTypes(CLI_SCHEMA_TYPES);
    run(bin('nest'), ['build']);
  },
};

const dashboard = {
  name: 'dashboard',
  stamp: join('dist', '.dashboard.sha256'),
  files: ['package-lock.json', 'openapi.json'],
  // The chart draws the strategy's indicators with the engine's own code.
  folders: ['dashboard', join('src', 'strategies', 'indicators')],
  build: () => {
    writeTypes(SCHEMA_TYPES);
    // React's production build whatever the caller's NODE_ENV (Jest sets it to test).
    run(bin('vite'), ['build', 'dashboard'], { ...process.env, NODE_ENV: 'production' });
  },
};

function filesUnder(folder) {
  return readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name).slice(root.length + 1))
    .filter((file) => file !== SCHEMA_TYPES && file !== CLI_SCHEMA_TYPES);
}

function digestOf(part) {
  const hash = createHash('sha256');
  for (const file of [...part.files, ...part.folders.flatMap(filesUnder)].sort()) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(root, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

const parts = process.argv.includes('--dashboard') ? [dashboard] : [server, dashboard];
for (const part of parts) {
  // An installation from `tradebotctl package` (or the Docker image) ships dist without
  // the sources: it runs the build it came with, which `tradebotctl verify` checks.
  if (!part.folders.every((folder) => existsSync(join(root, folder)))) {
    console.log(`build: no ${part.name} sources here: running the shipped build`);
    continue;
  }
  const digest = digestOf(part);
  const stamp = join(root, part.stamp);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) {
    console.log(`build: ${part.name} sources unchanged since the last build`);
    continue;
  }
  part.build();
  writeFileSync(stamp, digest);
}
