import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MANIFEST_FILE,
  comparePaths,
  dataDirWithin,
  exclusionOf,
  pathProblem,
  showPath,
} from './installation-paths';

describe('pathProblem', () => {
  it('accepts relative, normalised, /-separated paths', () => {
    expect(pathProblem('dist/src/main.js')).toBeUndefined();
    expect(pathProblem('package.json')).toBeUndefined();
    expect(pathProblem('dist/a..b/c')).toBeUndefined();
  });

  it.each([
    ['../etc/passwd', 'escapes the root (..)'],
    ['dist/../../x', 'escapes the root (..)'],
    ['/etc/passwd', 'is absolute'],
    ['C:/Windows/x', 'is absolute'],
    ['dist\\main.js', 'holds a backslash'],
    ['dist//main.js', 'is not normalised'],
    ['./dist/main.js', 'is not normalised'],
    ['dist/', 'is not normalised'],
    ['', 'is empty'],
    ['dist/a\nmodified b', 'holds a control character'],
  ])('refuses %j: %s', (path, problem) => {
    expect(pathProblem(path)).toBe(problem);
  });
});

describe('exclusionOf', () => {
  it('keeps the data, dependencies, secrets and the manifest out of an installation', () => {
    expect(exclusionOf('data/postgres/PG_VERSION')).toBe('is in DATA_DIR');
    expect(exclusionOf('var/tradebot/x', 'var/tradebot')).toBe('is in DATA_DIR');
    expect(exclusionOf('var/tradebot/tls.pem', 'var/tradebot')).toBe('is in DATA_DIR');
    expect(exclusionOf('node_modules/x/index.js')).toBe('is in node_modules');
    expect(exclusionOf('node_modules')).toBe('is in node_modules');
    expect(exclusionOf('.env')).toBe('is a secret');
    expect(exclusionOf('.env.production')).toBe('is a secret');
    expect(exclusionOf('docker/.env')).toBe('is a secret');
    expect(exclusionOf('credentials.key')).toBe('is a secret');
    expect(exclusionOf('tls.pem')).toBe('is a secret');
    expect(exclusionOf('postgres.password')).toBe('is a secret');
    expect(exclusionOf('dist/.sources.sha256')).toBe("is a build stamp of npm start's");
    expect(exclusionOf('dist/.dashboard.sha256')).toBe("is a build stamp of npm start's");
    expect(exclusionOf('tradebot.manifest.json')).toBe('is the manifest itself');
    expect(exclusionOf('tradebot.trusted-keys')).toBe("is the installation's trusted keys");
    expect(exclusionOf('.tradebot/backups/x')).toBe("is in tradebotctl's working folder");
  });

  it('lets the files of an installation through', () => {
    expect(exclusionOf('dist/src/main.js')).toBeUndefined();
    expect(exclusionOf('dist/dashboard/index.html')).toBeUndefined();
    expect(exclusionOf('dist/database/data.js')).toBeUndefined();
    expect(exclusionOf('docker/Dockerfile', 'var')).toBeUndefined();
    expect(exclusionOf('dist/keys.json')).toBeUndefined();
    expect(exclusionOf('dist/src/.sources.sha256')).toBeUndefined();
  });

  it('excludes node_modules and secrets at the root only: deeper down they are reported', () => {
    // Node resolves require('reflect-metadata') from dist/src/node_modules first.
    expect(exclusionOf('dist/src/node_modules/reflect-metadata/index.js')).toBeUndefined();
    expect(exclusionOf('dist/node_modules/x/index.js')).toBeUndefined();
    expect(exclusionOf('src/node_modules/x.js')).toBeUndefined();
    expect(exclusionOf('dist/credentials.key')).toBeUndefined();
    expect(exclusionOf('dist/tls.pem')).toBeUndefined();
    expect(exclusionOf('dist/.env')).toBeUndefined();
    expect(exclusionOf('docker/sub/.env')).toBeUndefined();
    expect(exclusionOf('dist/tradebot.manifest.json')).toBeUndefined();
  });
});

describe('dataDirWithin', () => {
  it('resolves DATA_DIR as the server does and keeps it only when inside the root', () => {
    expect(dataDirWithin('/opt/tb', 'state', '/opt/tb')).toBe('state');
    expect(dataDirWithin('/opt/tb', '/opt/tb/var/data', '/')).toBe('var/data');
    expect(dataDirWithin('/opt/tb', '/var/lib/tradebot', '/opt/tb')).toBeUndefined();
    expect(dataDirWithin('/opt/tb', '../data', '/opt/tb')).toBeUndefined();
    expect(dataDirWithin('/opt/tb', undefined, '/opt/tb')).toBeUndefined();
  });
});

describe('comparePaths and showPath', () => {
  it('sorts by code unit, not by locale', () => {
    expect(['dist/b', 'dist/B', 'Dist/a', 'dist/a-b', 'dist/a/b'].sort(comparePaths)).toEqual([
      'Dist/a',
      'dist/B',
      'dist/a-b',
      'dist/a/b',
      'dist/b',
    ]);
  });

  it('quotes a path that could break a line of output', () => {
    expect(showPath('dist/main.js')).toBe('dist/main.js');
    expect(showPath('dist/a b.js')).toBe('"dist/a b.js"');
    expect(showPath('dist/a\nb')).toBe('"dist/a\\nb"');
  });
});

describe('the manifest in a checkout', () => {
  it('is ignored by git: `tradebotctl manifest` writes it into the root of a working tree too', () => {
    const ignored = readFileSync(join(process.cwd(), '.gitignore'), 'utf8').split('\n');
    expect(ignored).toContain(`/${MANIFEST_FILE}`);
  });
});
